//! The demo products' titles, descriptions and packagings in Arabic, Spanish,
//! Brazilian Portuguese and Simplified Chinese, written the way a native seller
//! in each of those markets would list them rather than word for word from the
//! French. French and English stay in `products.rs` along with the trade facts
//! (HS code, units, prices, regions); this file only holds the other four
//! languages, so that each file owns one thing. Entries follow the order of
//! `PRODUCTS`, and each `variants` list matches `Product::variants` one for one.

/// A product family's texts in one language: title, description, and its
/// packagings in the order of `Product::variants`.
pub struct Texts {
    pub title: &'static str,
    pub about: &'static str,
    pub variants: &'static [&'static str],
}

/// One product family in the four languages beyond French and English.
pub struct Translated {
    /// `Product::id`.
    pub id: &'static str,
    pub ar: Texts,
    pub es: Texts,
    pub pt: Texts,
    pub zh: Texts,
}

pub const TRANSLATED: &[Translated] = &[
    // Cosmetics and argan
    Translated {
        id: "cosmetic-argan-oil",
        ar: Texts {
            title: "زيت الأركان التجميلي المعصور على البارد",
            about: "زيت أركان خالص معصور على البارد من لوز أركان تفرزه نساء التعاونية يدويًا، ومرشح دون استعمال مذيبات.",
            variants: &["سائب، برميل 25 لتر", "قارورة من الزجاج العنبري 100 مل", "قارورة بقطارة 50 مل"],
        },
        es: Texts {
            title: "Aceite de argán cosmético prensado en frío",
            about: "Aceite de argán puro, prensado en frío a partir de almendras seleccionadas a mano por las mujeres de la cooperativa y filtrado sin disolventes.",
            variants: &["a granel, bidón de 25 L", "frasco de vidrio ámbar de 100 ml", "frasco cuentagotas de 50 ml"],
        },
        pt: Texts {
            title: "Óleo de argan cosmético prensado a frio",
            about: "Óleo de argan puro, prensado a frio a partir de amêndoas selecionadas à mão pelas mulheres da cooperativa e filtrado sem solventes.",
            variants: &["a granel, tambor de 25 L", "frasco de vidro âmbar de 100 ml", "frasco conta-gotas de 50 ml"],
        },
        zh: Texts {
            title: "冷榨化妆品级摩洛哥坚果油",
            about: "纯摩洛哥坚果油，以合作社妇女手工挑选的果仁冷榨而成，过滤过程不使用溶剂。",
            variants: &["散装，25升桶", "100毫升琥珀色玻璃瓶", "50毫升滴管瓶"],
        },
    },
    Translated {
        id: "culinary-argan-oil",
        ar: Texts {
            title: "زيت الأركان الغذائي المحمص",
            about: "زيت أركان غذائي بنكهة البندق المحمص، يستخلص من لوز أركان محمص تحميصًا خفيفًا، ويناسب تحضير أملو وتتبيل الأطباق.",
            variants: &["قارورة 250 مل", "قارورة 500 مل", "عبوة 5 لتر"],
        },
        es: Texts {
            title: "Aceite de argán culinario tostado",
            about: "Aceite de argán alimentario con notas de avellana tostada, obtenido de almendras ligeramente tostadas; ideal para el amlou y para aderezar.",
            variants: &["botella de 250 ml", "botella de 500 ml", "bidón de 5 L"],
        },
        pt: Texts {
            title: "Óleo de argan culinário torrado",
            about: "Óleo de argan alimentar com notas de avelã tostada, obtido de amêndoas levemente torradas; ideal para amlou e para temperar.",
            variants: &["garrafa de 250 ml", "garrafa de 500 ml", "galão de 5 L"],
        },
        zh: Texts {
            title: "烘焙食用摩洛哥坚果油",
            about: "以轻度烘焙的果仁榨取的食用摩洛哥坚果油，带有烤榛子香气，适合制作阿姆鲁酱（amlou）和调味拌菜。",
            variants: &["250毫升瓶", "500毫升瓶", "5升桶"],
        },
    },
    Translated {
        id: "black-soap",
        ar: Texts {
            title: "الصابون البلدي الأسود بزيت الزيتون",
            about: "صابون أسود تقليدي للحمام، يصنع بتصبين زيت الزيتون ومعجون الزيتون الأسود، طبيعي أو معطر بالأوكالبتوس.",
            variants: &["علبة 250 غ", "سطل 5 كلغ", "سائب 20 كلغ"],
        },
        es: Texts {
            title: "Jabón negro beldi con aceite de oliva",
            about: "Jabón negro tradicional de hammam, saponificado a partir de aceite y pasta de aceitunas negras, natural o perfumado con eucalipto.",
            variants: &["tarro de 250 g", "cubo de 5 kg", "a granel, 20 kg"],
        },
        pt: Texts {
            title: "Sabão preto beldi com azeite de oliva",
            about: "Sabão preto tradicional do hammam, saponificado a partir de azeite e pasta de azeitonas pretas, natural ou perfumado com eucalipto.",
            variants: &["pote de 250 g", "balde de 5 kg", "a granel, 20 kg"],
        },
        zh: Texts {
            title: "摩洛哥传统橄榄油黑皂（Beldi）",
            about: "哈曼浴传统黑皂，以橄榄油和黑橄榄泥皂化制成，有原味和桉树香型。",
            variants: &["250克罐", "5公斤桶", "散装，20公斤"],
        },
    },
    Translated {
        id: "rose-water",
        ar: Texts {
            title: "ماء الورد من قلعة مكونة",
            about: "ماء ورد مقطر من الورد الدمشقي المقطوف عند الفجر في وادي الورود، دون كحول أو مواد حافظة.",
            variants: &["قارورة رذاذ 200 مل", "سائب 25 لتر"],
        },
        es: Texts {
            title: "Agua de rosas de Kelâat M'Gouna",
            about: "Hidrolato destilado de rosa damascena recogida al amanecer en el Valle de las Rosas, sin alcohol ni conservantes.",
            variants: &["frasco con atomizador de 200 ml", "a granel, 25 L"],
        },
        pt: Texts {
            title: "Água de rosas de Kelâat M'Gouna",
            about: "Hidrolato destilado de rosas-damascenas colhidas ao amanhecer no Vale das Rosas, sem álcool nem conservantes.",
            variants: &["frasco spray de 200 ml", "a granel, 25 L"],
        },
        zh: Texts {
            title: "凯拉阿特姆古纳（Kelâat M'Gouna）玫瑰水",
            about: "以黎明时分在玫瑰谷采摘的大马士革玫瑰蒸馏而成的纯露，不含酒精和防腐剂。",
            variants: &["200毫升喷雾瓶", "散装，25升"],
        },
    },
    Translated {
        id: "prickly-pear-seed-oil",
        ar: Texts {
            title: "زيت بذور التين الشوكي",
            about: "زيت نادر معصور على البارد من بذور التين الشوكي لآيت باعمران، غني جدًا بفيتامين E.",
            variants: &["قارورة 30 مل", "قارورة 1 لتر"],
        },
        es: Texts {
            title: "Aceite de semilla de higo chumbo",
            about: "Aceite poco común, prensado en frío a partir de semillas de higo chumbo de Aït Baâmrane, muy rico en vitamina E.",
            variants: &["frasco de 30 ml", "frasco de 1 L"],
        },
        pt: Texts {
            title: "Óleo de semente de figo-da-índia",
            about: "Óleo raro, prensado a frio a partir de sementes de figo-da-índia de Aït Baâmrane, muito rico em vitamina E.",
            variants: &["frasco de 30 ml", "frasco de 1 L"],
        },
        zh: Texts {
            title: "仙人掌果籽油",
            about: "以艾特巴姆兰（Aït Baâmrane）仙人掌果籽冷榨而成的稀有油品，富含维生素E。",
            variants: &["30毫升瓶", "1升瓶"],
        },
    },
    // Processed food
    Translated {
        id: "saffron",
        ar: Texts {
            title: "زعفران تالوين على شكل خيوط",
            about: "مياسم زهرة الزعفران (Crocus sativus) تقطف يدويًا عند الفجر وتجفف في الظل، من الفئة الأولى وفق معيار ISO 3632.",
            variants: &["علبة 1 غ", "علبة 5 غ", "سائب 100 غ"],
        },
        es: Texts {
            title: "Azafrán de Taliouine en hebras",
            about: "Estigmas de Crocus sativus recogidos a mano al amanecer y secados a la sombra, categoría I según la norma ISO 3632.",
            variants: &["caja de 1 g", "caja de 5 g", "a granel, 100 g"],
        },
        pt: Texts {
            title: "Açafrão de Taliouine em filamentos",
            about: "Estigmas de Crocus sativus colhidos à mão ao amanhecer e secos à sombra, categoria I segundo a norma ISO 3632.",
            variants: &["caixa de 1 g", "caixa de 5 g", "a granel, 100 g"],
        },
        zh: Texts {
            title: "塔利温（Taliouine）藏红花丝",
            about: "番红花（Crocus sativus）柱头，黎明时分手工采摘并阴干，符合ISO 3632一级标准。",
            variants: &["1克盒装", "5克盒装", "散装，100克"],
        },
    },
    Translated {
        id: "medjool-dates",
        ar: Texts {
            title: "تمر المجهول",
            about: "تمر المجهول من واحات تافيلالت، مصنف حسب الحجم يدويًا، طري وحلو بطبيعته.",
            variants: &["حجم جامبو، كرتونة 5 كلغ", "حجم كبير، طبق 1 كلغ", "علبة هدايا 500 غ"],
        },
        es: Texts {
            title: "Dátiles Medjool",
            about: "Dátiles Medjool de los palmerales de Tafilalet, calibrados a mano, tiernos y dulces por naturaleza.",
            variants: &["calibre jumbo, caja de 5 kg", "calibre grande, bandeja de 1 kg", "caja de regalo de 500 g"],
        },
        pt: Texts {
            title: "Tâmaras Medjool",
            about: "Tâmaras Medjool dos palmeirais de Tafilalet, classificadas à mão, macias e naturalmente doces.",
            variants: &[
                "calibre jumbo, caixa de 5 kg",
                "calibre grande, bandeja de 1 kg",
                "caixa de presente de 500 g",
            ],
        },
        zh: Texts {
            title: "梅德乔（Medjool）椰枣",
            about: "产自塔菲拉勒特（Tafilalet）绿洲椰林的梅德乔椰枣，人工分级，果肉软糯，天然香甜。",
            variants: &["特大果（Jumbo），5公斤纸箱", "大果，1公斤托盘", "500克礼盒"],
        },
    },
    Translated {
        id: "aziza-dates",
        ar: Texts {
            title: "تمر عزيزة بوزيد من فكيك",
            about: "الصنف الذي تشتهر به واحة فكيك، بلب فاتح اللون وطعم عسلي رقيق.",
            variants: &["كرتونة 5 كلغ", "طبق 500 غ"],
        },
        es: Texts {
            title: "Dátiles Aziza Bouzid de Figuig",
            about: "La variedad emblemática del oasis de Figuig, de pulpa clara y delicado sabor a miel.",
            variants: &["caja de 5 kg", "bandeja de 500 g"],
        },
        pt: Texts {
            title: "Tâmaras Aziza Bouzid de Figuig",
            about: "A variedade emblemática do oásis de Figuig, de polpa clara e delicado sabor de mel.",
            variants: &["caixa de 5 kg", "bandeja de 500 g"],
        },
        zh: Texts {
            title: "菲吉格阿齐扎·布齐德（Aziza Bouzid）椰枣",
            about: "菲吉格绿洲的招牌品种，果肉色浅，带有细腻的蜂蜜风味。",
            variants: &["5公斤纸箱", "500克托盘"],
        },
    },
    Translated {
        id: "extra-virgin-olive-oil",
        ar: Texts {
            title: "زيت الزيتون البكر الممتاز",
            about: "زيت زيتون بكر ممتاز من صنف البيشولين المغربية، مستخلص على البارد خلال 24 ساعة من الجني، بحموضة أقل من 0,5%.",
            variants: &["قارورة زجاجية 750 مل", "صفيحة 5 لتر", "خزان مرن (فليكسيتانك) 24 طن"],
        },
        es: Texts {
            title: "Aceite de oliva extra virgen",
            about: "Aceite de oliva extra virgen de aceitunas Picholine marroquí, extraído en frío en las 24 horas siguientes a la cosecha, con acidez inferior al 0,5 %.",
            variants: &["botella de vidrio de 750 ml", "lata de 5 L", "flexitank de 24 t"],
        },
        pt: Texts {
            title: "Azeite de oliva extravirgem",
            about: "Azeite de oliva extravirgem de azeitonas Picholine marroquinas, extraído a frio em até 24 horas após a colheita, com acidez inferior a 0,5%.",
            variants: &["garrafa de vidro de 750 ml", "lata de 5 L", "flexitank de 24 t"],
        },
        zh: Texts {
            title: "特级初榨橄榄油",
            about: "以摩洛哥皮肖利（Picholine）橄榄为原料，采收后24小时内冷萃取，酸度低于0.5%。",
            variants: &["750毫升玻璃瓶", "5升铁罐", "24吨集装箱液袋"],
        },
    },
    Translated {
        id: "tyout-olive-oil",
        ar: Texts {
            title: "زيت زيتون تيوت الشياظمة",
            about: "زيت زيتون بتسمية منشأ محمية من بساتين الزيتون في تيوت والشياظمة، بنكهة فاكهية خضراء ومرارة متوازنة.",
            variants: &["قارورة 500 مل", "صفيحة 3 لتر"],
        },
        es: Texts {
            title: "Aceite de oliva Tyout Chiadma",
            about: "Aceite con denominación de origen protegida de los olivares de Tyout y Chiadma, de frutado verde y amargor equilibrado.",
            variants: &["botella de 500 ml", "lata de 3 L"],
        },
        pt: Texts {
            title: "Azeite de oliva Tyout Chiadma",
            about: "Azeite com denominação de origem protegida dos olivais de Tyout e Chiadma, de frutado verde e amargor equilibrado.",
            variants: &["garrafa de 500 ml", "lata de 3 L"],
        },
        zh: Texts {
            title: "提尤特-希亚德马（Tyout Chiadma）橄榄油",
            about: "产自Tyout和Chiadma橄榄园的受保护原产地名称橄榄油，带青果果香，苦味均衡。",
            variants: &["500毫升瓶", "3升铁罐"],
        },
    },
    Translated {
        id: "euphorbia-honey",
        ar: Texts {
            title: "عسل الدغموس",
            about: "عسل أحادي الزهرة من نبات الدغموس، يجنى من سفوح الأطلس المتوسط، بطعم قوي وحار قليلًا.",
            variants: &["مرطبان زجاجي 250 غ", "علبة 500 غ", "سطل 10 كلغ"],
        },
        es: Texts {
            title: "Miel de euforbia",
            about: "Miel monofloral de euforbia de las estribaciones del Atlas Medio, de sabor intenso y ligeramente picante.",
            variants: &["tarro de vidrio de 250 g", "tarro de 500 g", "cubo de 10 kg"],
        },
        pt: Texts {
            title: "Mel de eufórbia",
            about: "Mel monofloral de eufórbia colhido no sopé do Médio Atlas, de sabor intenso e levemente apimentado.",
            variants: &["pote de vidro de 250 g", "pote de 500 g", "balde de 10 kg"],
        },
        zh: Texts {
            title: "大戟蜂蜜",
            about: "采自中阿特拉斯山麓的大戟单花蜜，味道浓烈，略带胡椒般的辛辣。",
            variants: &["250克玻璃罐", "500克罐", "10公斤桶"],
        },
    },
    Translated {
        id: "amlou",
        ar: Texts {
            title: "أملو باللوز والأركان",
            about: "معجون تقليدي للدهن من اللوز المحمص وزيت الأركان الغذائي والعسل، دون أي مواد مضافة.",
            variants: &["علبة 250 غ", "علبة 500 غ"],
        },
        es: Texts {
            title: "Amlou de almendras y argán",
            about: "Crema untable tradicional de almendras tostadas, aceite de argán culinario y miel, sin aditivos.",
            variants: &["tarro de 250 g", "tarro de 500 g"],
        },
        pt: Texts {
            title: "Amlou de amêndoas e argan",
            about: "Pasta tradicional de amêndoas torradas, óleo de argan culinário e mel, sem aditivos.",
            variants: &["pote de 250 g", "pote de 500 g"],
        },
        zh: Texts {
            title: "阿姆鲁杏仁坚果酱（Amlou）",
            about: "以烤杏仁、食用摩洛哥坚果油和蜂蜜制成的传统涂抹酱，不含添加剂。",
            variants: &["250克罐", "500克罐"],
        },
    },
    Translated {
        id: "green-olives",
        ar: Texts {
            title: "زيتون أخضر مرضوض في محلول ملحي",
            about: "زيتون البيشولين المرضوض، منزوع المرارة ومحفوظ في محلول ملحي بالليمون والشمر البري.",
            variants: &["سطل 5 كلغ", "برميل 220 كلغ", "مرطبان 720 مل"],
        },
        es: Texts {
            title: "Aceitunas verdes partidas en salmuera",
            about: "Aceitunas Picholine partidas, desamargadas y conservadas en salmuera con limón e hinojo silvestre.",
            variants: &["cubo de 5 kg", "barril de 220 kg", "frasco de 720 ml"],
        },
        pt: Texts {
            title: "Azeitonas verdes quebradas em salmoura",
            about: "Azeitonas Picholine quebradas, curtidas para tirar o amargor e conservadas em salmoura com limão e funcho silvestre.",
            variants: &["balde de 5 kg", "barril de 220 kg", "vidro de 720 ml"],
        },
        zh: Texts {
            title: "盐水腌渍裂口青橄榄",
            about: "压裂的皮肖利（Picholine）橄榄，经脱苦处理后以柠檬和野茴香调味的盐水浸渍保存。",
            variants: &["5公斤桶", "220公斤大桶", "720毫升玻璃罐"],
        },
    },
    Translated {
        id: "artisan-couscous",
        ar: Texts {
            title: "كسكس تقليدي مفتول باليد",
            about: "كسكس من القمح الصلب تفتله نساء التعاونية باليد ويجفف تحت الشمس، ويتوفر أيضًا من الشعير والقمح الكامل.",
            variants: &["كيس 1 كلغ", "كيس 25 كلغ"],
        },
        es: Texts {
            title: "Cuscús artesanal hecho a mano",
            about: "Cuscús de trigo duro trabajado a mano por las mujeres de la cooperativa y secado al sol; también de cebada y de trigo integral.",
            variants: &["bolsa de 1 kg", "saco de 25 kg"],
        },
        pt: Texts {
            title: "Cuscuz marroquino artesanal enrolado à mão",
            about: "Cuscuz de trigo duro enrolado à mão pelas mulheres da cooperativa e seco ao sol; também de cevada e de trigo integral.",
            variants: &["pacote de 1 kg", "saco de 25 kg"],
        },
        zh: Texts {
            title: "手工搓制传统古斯米",
            about: "由合作社妇女以硬质小麦手工搓制、日光晒干的古斯米，另有大麦和全麦款。",
            variants: &["1公斤袋", "25公斤袋"],
        },
    },
    Translated {
        id: "capers",
        ar: Texts {
            title: "قبار في الخل",
            about: "قبار مصنف حسب العيار، من الحبات الصغيرة (non-pareilles) إلى الكبيرة (capucines)، محفوظ في الخل أو في محلول ملحي.",
            variants: &["برميل 200 كلغ", "مرطبان 100 غ"],
        },
        es: Texts {
            title: "Alcaparras en vinagre",
            about: "Alcaparras calibradas (de nonpareilles a capucines), en vinagre o en salmuera.",
            variants: &["barril de 200 kg", "frasco de 100 g"],
        },
        pt: Texts {
            title: "Alcaparras em vinagre",
            about: "Alcaparras calibradas (de nonpareilles a capucines), conservadas em vinagre ou em salmoura.",
            variants: &["barril de 200 kg", "vidro de 100 g"],
        },
        zh: Texts {
            title: "醋渍酸豆（刺山柑花蕾）",
            about: "按规格分级的酸豆（从Non-pareilles到Capucines），以醋或盐水腌渍。",
            variants: &["200公斤桶", "100克玻璃罐"],
        },
    },
    Translated {
        id: "goat-cheese",
        ar: Texts {
            title: "جبن الماعز من شفشاون",
            about: "جبن طري من الحليب الخام لماعز الريف الأسود، يقولب بالمغرفة ويعتق بضعة أيام.",
            variants: &["قطعة 250 غ", "قرص 1 كلغ"],
        },
        es: Texts {
            title: "Queso de cabra de Chefchaouen",
            about: "Queso fresco de leche cruda de cabra negra del Rif, moldeado con cucharón y madurado unos días.",
            variants: &["pieza de 250 g", "pieza de 1 kg"],
        },
        pt: Texts {
            title: "Queijo de cabra de Chefchaouen",
            about: "Queijo fresco de leite cru de cabras pretas do Rif, moldado com concha e maturado por alguns dias.",
            variants: &["peça de 250 g", "peça de 1 kg"],
        },
        zh: Texts {
            title: "舍夫沙万山羊奶酪",
            about: "以里夫山区黑山羊生乳制成的新鲜奶酪，用勺舀入模具成型，熟成数日。",
            variants: &["250克圆饼", "1公斤整轮"],
        },
    },
    // Fresh produce
    Translated {
        id: "clementines",
        ar: Texts {
            title: "كليمانتين بركان",
            about: "كليمانتين بدون بذور وسهل التقشير، يقطف عند النضج في سهل تريفة ويصنف حسب الحجم في محطة التلفيف.",
            variants: &["كرتونة 10 كلغ", "شبكة 2 كلغ", "منصة نقالة من 100 كرتونة"],
        },
        es: Texts {
            title: "Clementinas de Berkane",
            about: "Clementinas sin semillas y fáciles de pelar, cosechadas maduras en la llanura de Triffa y calibradas en la central de empaque.",
            variants: &["caja de 10 kg", "malla de 2 kg", "palé de 100 cajas"],
        },
        pt: Texts {
            title: "Clementinas de Berkane",
            about: "Clementinas sem sementes e fáceis de descascar, colhidas maduras na planície de Triffa e classificadas no packing house.",
            variants: &["caixa de 10 kg", "saco de rede de 2 kg", "palete com 100 caixas"],
        },
        zh: Texts {
            title: "贝尔卡内克莱门氏小柑橘",
            about: "无籽、易剥皮的克莱门氏小柑橘，在特里法平原成熟后采摘，于包装厂分级。",
            variants: &["10公斤纸箱", "2公斤网袋", "整托，100箱"],
        },
    },
    Translated {
        id: "oranges",
        ar: Texts {
            title: "برتقال ماروك لايت",
            about: "برتقال متأخر غني بالعصير من سوس، يجنى من مارس إلى يونيو، للمائدة وللعصر.",
            variants: &["كرتونة 15 كلغ", "سائب في صناديق كبيرة (بالوكس)"],
        },
        es: Texts {
            title: "Naranjas Maroc Late",
            about: "Naranjas tardías de jugo del Souss, cosechadas de marzo a junio, para mesa y para jugo.",
            variants: &["caja de 15 kg", "a granel en bins"],
        },
        pt: Texts {
            title: "Laranjas Maroc Late",
            about: "Laranjas tardias para suco do Souss, colhidas de março a junho, para consumo in natura e para suco.",
            variants: &["caixa de 15 kg", "a granel em bins"],
        },
        zh: Texts {
            title: "摩洛哥晚熟橙（Maroc Late）",
            about: "产自苏斯地区的晚熟榨汁橙，3月至6月采收，可鲜食，也可榨汁。",
            variants: &["15公斤纸箱", "大箱（Palox）散装"],
        },
    },
    Translated {
        id: "cherry-tomatoes",
        ar: Texts {
            title: "طماطم كرزية عنقودية",
            about: "طماطم كرزية حلوة تزرع في البيوت المغطاة تحت شمس الداخلة، ومتوفرة طوال فصل الشتاء.",
            variants: &["علبة 250 غ", "كرتونة 3 كلغ"],
        },
        es: Texts {
            title: "Tomates cherry en racimo",
            about: "Tomates cherry dulces cultivados en invernadero bajo el sol de Dajla, disponibles durante todo el invierno.",
            variants: &["bandeja de 250 g", "caja de 3 kg"],
        },
        pt: Texts {
            title: "Tomates-cereja em cacho",
            about: "Tomates-cereja doces cultivados em estufa sob o sol de Dakhla, disponíveis durante todo o inverno.",
            variants: &["cumbuca de 250 g", "caixa de 3 kg"],
        },
        zh: Texts {
            title: "整串樱桃番茄",
            about: "在达赫拉的阳光下温室种植的甜樱桃番茄，整个冬季均可供货。",
            variants: &["250克果盒", "3公斤纸箱"],
        },
    },
    Translated {
        id: "apples",
        ar: Texts {
            title: "تفاح ميدلت",
            about: "تفاح من صنفي غولدن وستاركينغ من بساتين ميدلت المرتفعة، مقرمش بفضل ليالي الأطلس الباردة.",
            variants: &["كرتونة 18 كلغ", "صندوق كبير (بالوكس) 300 كلغ"],
        },
        es: Texts {
            title: "Manzanas de Midelt",
            about: "Manzanas Golden y Starking de los huertos de altura de Midelt, crujientes gracias a las noches frías del Atlas.",
            variants: &["caja de 18 kg", "bin de 300 kg"],
        },
        pt: Texts {
            title: "Maçãs de Midelt",
            about: "Maçãs Golden e Starking dos pomares de altitude de Midelt, crocantes graças às noites frias do Atlas.",
            variants: &["caixa de 18 kg", "bin de 300 kg"],
        },
        zh: Texts {
            title: "米德勒特苹果",
            about: "产自米德勒特高海拔果园的金冠和红星苹果，阿特拉斯山区夜间寒冷，果肉爽脆。",
            variants: &["18公斤纸箱", "300公斤大箱"],
        },
    },
    Translated {
        id: "avocados",
        ar: Texts {
            title: "أفوكادو هاس",
            about: "أفوكادو هاس من سهل الغرب، مصنف حسب الحجم ومعبأ جاهزًا للإنضاج، من أكتوبر إلى أبريل.",
            variants: &["كرتونة 4 كلغ", "كرتونة 10 كلغ"],
        },
        es: Texts {
            title: "Aguacates Hass",
            about: "Aguacates Hass de la llanura del Gharb, calibrados y envasados listos para madurar, de octubre a abril.",
            variants: &["caja de 4 kg", "caja de 10 kg"],
        },
        pt: Texts {
            title: "Abacates Hass",
            about: "Abacates Hass da planície do Gharb, classificados e embalados prontos para amadurecer, de outubro a abril.",
            variants: &["caixa de 4 kg", "caixa de 10 kg"],
        },
        zh: Texts {
            title: "哈斯牛油果",
            about: "产自加尔卜平原的哈斯牛油果，分级包装，可后熟，供应期为10月至次年4月。",
            variants: &["4公斤纸箱", "10公斤纸箱"],
        },
    },
    Translated {
        id: "blueberries",
        ar: Texts {
            title: "توت أزرق طازج",
            about: "توت أزرق مقطوف يدويًا، يبرد في أقل من ساعتين ويشحن جوًا أو في حاويات مبردة.",
            variants: &["علبة 125 غ", "علبة 500 غ"],
        },
        es: Texts {
            title: "Arándanos frescos",
            about: "Arándanos recolectados a mano, enfriados en menos de dos horas y enviados por avión o en contenedores refrigerados.",
            variants: &["bandeja de 125 g", "bandeja de 500 g"],
        },
        pt: Texts {
            title: "Mirtilos frescos",
            about: "Mirtilos colhidos à mão, resfriados em menos de duas horas e enviados por via aérea ou em contêineres refrigerados.",
            variants: &["cumbuca de 125 g", "cumbuca de 500 g"],
        },
        zh: Texts {
            title: "新鲜蓝莓",
            about: "人工采摘的蓝莓，两小时内完成预冷，空运或以冷藏集装箱发运。",
            variants: &["125克果盒", "500克果盒"],
        },
    },
    Translated {
        id: "bell-peppers",
        ar: Texts {
            title: "فلفل حلو بثلاثة ألوان",
            about: "فلفل أحمر وأصفر وأخضر يزرع في البيوت المغطاة بسوس، ومتوفر من أكتوبر إلى ماي.",
            variants: &["كرتونة 5 كلغ", "عبوة مغلفة (فلوباك) من 3 حبات"],
        },
        es: Texts {
            title: "Pimientos tricolor",
            about: "Pimientos rojos, amarillos y verdes cultivados en invernadero en el Souss, de octubre a mayo.",
            variants: &["caja de 5 kg", "flowpack de 3 unidades"],
        },
        pt: Texts {
            title: "Pimentões tricolores",
            about: "Pimentões vermelhos, amarelos e verdes cultivados em estufa no Souss, de outubro a maio.",
            variants: &["caixa de 5 kg", "flowpack com 3 unidades"],
        },
        zh: Texts {
            title: "三色甜椒",
            about: "苏斯地区温室种植的红、黄、绿三色甜椒，供应期为10月至次年5月。",
            variants: &["5公斤纸箱", "3只装枕式包装"],
        },
    },
    // Fishery
    Translated {
        id: "sardines-in-olive-oil",
        ar: Texts {
            title: "سردين بزيت الزيتون",
            about: "سردين من نوع Sardina pilchardus يصطاد قبالة السواحل المغربية، يزال رأسه يدويًا ويعلب بزيت الزيتون.",
            variants: &["كرتونة تضم 50 علبة من 125 غ", "كرتونة تضم 100 علبة من 125 غ"],
        },
        es: Texts {
            title: "Sardinas en aceite de oliva",
            about: "Sardinas (Sardina pilchardus) capturadas frente a las costas de Marruecos, descabezadas a mano y enlatadas en aceite de oliva.",
            variants: &["caja de 50 latas de 125 g", "caja de 100 latas de 125 g"],
        },
        pt: Texts {
            title: "Sardinhas em azeite de oliva",
            about: "Sardinhas (Sardina pilchardus) pescadas na costa do Marrocos, descabeçadas à mão e enlatadas em azeite de oliva.",
            variants: &["caixa com 50 latas de 125 g", "caixa com 100 latas de 125 g"],
        },
        zh: Texts {
            title: "橄榄油沙丁鱼罐头",
            about: "摩洛哥近海捕捞的沙丁鱼（Sardina pilchardus），手工去头，以橄榄油装罐。",
            variants: &["每箱50罐，每罐125克", "每箱100罐，每罐125克"],
        },
    },
    Translated {
        id: "frozen-octopus",
        ar: Texts {
            title: "أخطبوط مجمد",
            about: "أخطبوط من نوع Octopus vulgaris يصطاد قبالة الداخلة، ينظف ويجمد على متن السفينة، ومصنف من T1 إلى T8.",
            variants: &["كتلة 2 كلغ", "مجمد فرديًا (IQF)، كرتونة 10 كلغ"],
        },
        es: Texts {
            title: "Pulpo congelado",
            about: "Pulpo (Octopus vulgaris) capturado frente a Dajla, limpio y congelado a bordo, calibrado de T1 a T8.",
            variants: &["bloque de 2 kg", "IQF, caja de 10 kg"],
        },
        pt: Texts {
            title: "Polvo congelado",
            about: "Polvo (Octopus vulgaris) pescado ao largo de Dakhla, limpo e congelado a bordo, calibrado de T1 a T8.",
            variants: &["bloco de 2 kg", "IQF, caixa de 10 kg"],
        },
        zh: Texts {
            title: "冷冻章鱼",
            about: "达赫拉近海捕捞的真蛸（Octopus vulgaris），船上清洗并冷冻，规格T1至T8。",
            variants: &["2公斤冻块", "IQF单冻，10公斤纸箱"],
        },
    },
    Translated {
        id: "oysters",
        ar: Texts {
            title: "محار الداخلة المقعر",
            about: "محار مقعر (محار المحيط الهادئ) يربى في مياه خليج الداخلة، ويشحن حيًا عبر الجو.",
            variants: &["سلة من 36 حبة", "طرد 5 كلغ"],
        },
        es: Texts {
            title: "Ostras del Pacífico de Dajla",
            about: "Ostras del Pacífico criadas en las aguas de la bahía de Dajla y enviadas vivas por avión.",
            variants: &["cesta de 36 unidades", "caja de 5 kg"],
        },
        pt: Texts {
            title: "Ostras-do-pacífico de Dakhla",
            about: "Ostras-do-pacífico cultivadas nas águas da baía de Dakhla e enviadas vivas por via aérea.",
            variants: &["cesta com 36 unidades", "caixa de 5 kg"],
        },
        zh: Texts {
            title: "达赫拉太平洋牡蛎",
            about: "在达赫拉湾海域养殖的太平洋牡蛎（长牡蛎），鲜活空运。",
            variants: &["36只装篮", "5公斤箱"],
        },
    },
    Translated {
        id: "anchovies",
        ar: Texts {
            title: "أنشوفة مملحة وشرائح فيليه بالزيت",
            about: "أنشوفة أطلسية تعتق في الملح عدة أشهر، ثم تقطع إلى شرائح فيليه يدويًا.",
            variants: &["مرطبان 100 غ", "سطل 10 كلغ"],
        },
        es: Texts {
            title: "Anchoas saladas y filetes en aceite",
            about: "Anchoas del Atlántico maduradas en sal durante meses y luego fileteadas a mano.",
            variants: &["frasco de 100 g", "cubo de 10 kg"],
        },
        pt: Texts {
            title: "Anchovas salgadas e filés em óleo",
            about: "Anchovas do Atlântico maturadas no sal por vários meses e depois fileteadas à mão.",
            variants: &["vidro de 100 g", "balde de 10 kg"],
        },
        zh: Texts {
            title: "盐渍鳀鱼及油浸鳀鱼柳",
            about: "大西洋鳀鱼经数月盐渍熟成，再手工切成鱼柳。",
            variants: &["100克玻璃罐", "10公斤桶"],
        },
    },
    // Crafts
    Translated {
        id: "zellige",
        ar: Texts {
            title: "زليج فاسي مزجج",
            about: "بلاطات من طين فاس المطهو، مزججة ومقطوعة يدويًا، تركب في زخارف هندسية أو بلون موحد.",
            variants: &["بلاطة 10 × 10 سم", "بلاطة 5 × 5 سم", "لوحة فسيفساء حسب الطلب"],
        },
        es: Texts {
            title: "Zellige de Fez esmaltado",
            about: "Azulejos de barro cocido de Fez, esmaltados y cortados a mano, para diseños geométricos o superficies lisas.",
            variants: &["pieza de 10 × 10 cm", "pieza de 5 × 5 cm", "panel de mosaico a medida"],
        },
        pt: Texts {
            title: "Zellige de Fez esmaltado",
            about: "Ladrilhos de terracota de Fez, esmaltados e cortados à mão, para padrões geométricos ou superfícies lisas.",
            variants: &["ladrilho de 10 × 10 cm", "ladrilho de 5 × 5 cm", "painel de mosaico sob medida"],
        },
        zh: Texts {
            title: "非斯釉面泽利吉瓷砖（Zellige）",
            about: "以非斯陶土烧制、施釉后手工切割的砖片，可拼贴几何图案，也可整面铺贴。",
            variants: &["10 × 10厘米砖片", "5 × 5厘米砖片", "定制马赛克拼花板"],
        },
    },
    Translated {
        id: "safi-pottery",
        ar: Texts {
            title: "فخار آسفي المرسوم باليد",
            about: "صحون وطواجن وزبديات تشكل على عجلة الفخار وترسم باليد في ورشات تل الفخارين بآسفي.",
            variants: &["طاجين للزينة 30 سم", "صحن 27 سم", "زبدية 15 سم"],
        },
        es: Texts {
            title: "Cerámica de Safi pintada a mano",
            about: "Platos, tajines y cuencos torneados y pintados a mano en los talleres de la colina de los alfareros de Safi.",
            variants: &["tajín decorativo de 30 cm", "plato de 27 cm", "cuenco de 15 cm"],
        },
        pt: Texts {
            title: "Cerâmica de Safi pintada à mão",
            about: "Pratos, tajines e tigelas torneados e pintados à mão nas oficinas da colina dos oleiros de Safi.",
            variants: &["tajine decorativo de 30 cm", "prato de 27 cm", "tigela de 15 cm"],
        },
        zh: Texts {
            title: "萨菲手绘陶器",
            about: "在萨菲陶艺山的作坊中手工拉坯、手工彩绘的盘子、塔吉锅和碗。",
            variants: &["30厘米装饰塔吉锅", "27厘米盘", "15厘米碗"],
        },
    },
    Translated {
        id: "berber-rug",
        ar: Texts {
            title: "زربية أمازيغية من الصوف",
            about: "زربية معقودة يدويًا من صوف أغنام الأطلس المتوسط بأصباغ طبيعية، وكل قطعة فريدة وموقعة.",
            variants: &["160 × 230 سم", "200 × 300 سم", "زربية ممر 80 × 250 سم"],
        },
        es: Texts {
            title: "Alfombra bereber de lana",
            about: "Alfombra anudada a mano con lana de oveja del Atlas Medio y tintes naturales; cada pieza es única y va firmada.",
            variants: &["160 × 230 cm", "200 × 300 cm", "alfombra de pasillo de 80 × 250 cm"],
        },
        pt: Texts {
            title: "Tapete berbere de lã",
            about: "Tapete de nós feitos à mão em lã de ovelha do Médio Atlas, com tingimento natural; cada peça é única e assinada.",
            variants: &["160 × 230 cm", "200 × 300 cm", "passadeira de 80 × 250 cm"],
        },
        zh: Texts {
            title: "柏柏尔羊毛地毯",
            about: "以中阿特拉斯山区绵羊毛和天然染料手工打结编织，每一块都独一无二并带有签名。",
            variants: &["160 × 230厘米", "200 × 300厘米", "80 × 250厘米走廊地毯"],
        },
    },
    Translated {
        id: "brass-lantern",
        ar: Texts {
            title: "فانوس من النحاس الأصفر المنقوش",
            about: "فانوس من النحاس الأصفر يقطعه وينقشه يدويًا نحاسو مراكش، مع زجاج ملون حسب الطلب.",
            variants: &["بارتفاع 40 سم", "فانوس معلق 60 سم"],
        },
        es: Texts {
            title: "Farol de latón cincelado",
            about: "Farol de latón calado y cincelado a mano por los artesanos del cobre de Marrakech, con vidrio de colores opcional.",
            variants: &["40 cm de alto", "colgante de 60 cm"],
        },
        pt: Texts {
            title: "Lanterna de latão cinzelado",
            about: "Lanterna de latão recortada e cinzelada à mão pelos artesãos do cobre de Marrakech, com vidro colorido opcional.",
            variants: &["40 cm de altura", "pendente de 60 cm"],
        },
        zh: Texts {
            title: "手工錾刻黄铜灯笼",
            about: "由马拉喀什铜匠手工镂刻、錾花的黄铜灯笼，可按需配彩色玻璃。",
            variants: &["高40厘米", "60厘米吊灯"],
        },
    },
    Translated {
        id: "doum-basket",
        ar: Texts {
            title: "سلة من الدوم المضفور",
            about: "سلال وقفف مضفورة يدويًا من سعف نخيل الدوم، بألوان طبيعية أو زاهية.",
            variants: &["قفة تسوق 40 سم", "طقم من 3 سلال متداخلة"],
        },
        es: Texts {
            title: "Cesta trenzada de palma doum",
            about: "Cestas y canastos tejidos a mano con hojas de palma doum, en tonos naturales o colores vivos.",
            variants: &["cesta de mercado de 40 cm", "juego de 3 cestas encajables"],
        },
        pt: Texts {
            title: "Cesto trançado de palmeira-doum",
            about: "Cestos e cestas trançados à mão com folhas da palmeira-doum, em tons naturais ou cores vivas.",
            variants: &["cesto de feira de 40 cm", "jogo de 3 cestos encaixáveis"],
        },
        zh: Texts {
            title: "手工编织杜姆棕榈篮",
            about: "以杜姆棕榈叶手工编织的篮筐，有本色和鲜艳色彩可选。",
            variants: &["40厘米购物篮", "三件套嵌套收纳篮"],
        },
    },
    // Textile and leather
    Translated {
        id: "babouches",
        ar: Texts {
            title: "بلغة من الجلد المدبوغ نباتيًا",
            about: "بلغة مخيطة يدويًا من جلد الماعز المدبوغ بمستخلصات نباتية في دور الدباغة بفاس، بنعل من الجلد.",
            variants: &["المقاسات من 36 إلى 46", "نموذج مطرز"],
        },
        es: Texts {
            title: "Babuchas de cuero curtido vegetal",
            about: "Babuchas cosidas a mano en cuero de cabra curtido con extractos vegetales en las curtidurías de Fez, con suela de cuero.",
            variants: &["tallas 36 a 46", "modelo bordado"],
        },
        pt: Texts {
            title: "Babuches de couro com curtimento vegetal",
            about: "Babuches costurados à mão em couro de cabra curtido com extratos vegetais nos curtumes de Fez, com solado de couro.",
            variants: &["tamanhos 36 a 46", "modelo bordado"],
        },
        zh: Texts {
            title: "植鞣皮革巴布什拖鞋",
            about: "采用非斯制革坊以植物提取物鞣制的山羊皮手工缝制，皮革鞋底。",
            variants: &["尺码36至46", "刺绣款"],
        },
    },
    Translated {
        id: "leather-tote-bag",
        ar: Texts {
            title: "حقيبة توت جلدية",
            about: "حقيبة من جلد البقر الطبيعي كامل الحبيبات، بخياطة السراجين وبطانة قطنية، مع إمكانية وضع العلامة التجارية ابتداء من 100 قطعة.",
            variants: &["بني كونياك", "أسود", "طبيعي"],
        },
        es: Texts {
            title: "Bolso tote de cuero",
            about: "Bolso tote de cuero vacuno plena flor, con costura de talabartero y forro de algodón, personalizable con su marca a partir de 100 piezas.",
            variants: &["coñac", "negro", "natural"],
        },
        pt: Texts {
            title: "Bolsa tote de couro",
            about: "Bolsa tote de couro bovino flor integral, com costura seleira e forro de algodão, personalizável com a sua marca a partir de 100 peças.",
            variants: &["conhaque", "preto", "natural"],
        },
        zh: Texts {
            title: "真皮托特包",
            about: "头层全粒面牛皮托特包，马鞍针法缝制，棉质内衬，100件起可定制品牌标识。",
            variants: &["干邑棕", "黑色", "原色"],
        },
    },
    Translated {
        id: "denim-jeans",
        ar: Texts {
            title: "سراويل الجينز، تصنيع بالمناولة",
            about: "تصنيع سراويل الجينز لحساب علامات تجارية أوروبية: الباترون والقص والخياطة والغسل والتشطيب، بآجال تسليم قصيرة نحو أوروبا.",
            variants: &["قصة مستقيمة", "قصة ضيقة (سليم)"],
        },
        es: Texts {
            title: "Jeans de denim, confección por encargo",
            about: "Confección de jeans para marcas europeas: patronaje, corte, costura, lavado y acabado, con plazos de entrega cortos a Europa.",
            variants: &["corte recto", "corte slim"],
        },
        pt: Texts {
            title: "Calças jeans, confecção por facção",
            about: "Confecção de jeans para marcas europeias: modelagem, corte, costura, lavanderia e acabamento, com prazos curtos de entrega para a Europa.",
            variants: &["modelagem reta", "modelagem slim"],
        },
        zh: Texts {
            title: "牛仔裤代工（CMT）",
            about: "为欧洲品牌代工生产牛仔裤：打版、裁剪、缝制、水洗和后整理，发往欧洲交期短。",
            variants: &["直筒版型", "修身版型"],
        },
    },
    Translated {
        id: "hammam-towels",
        ar: Texts {
            title: "مناشف الحمام القطنية",
            about: "فوطات ومناشف حمام منسوجة من القطن الممشط، بخطوط تقليدية وأهداب معقودة يدويًا.",
            variants: &["100 × 180 سم", "50 × 100 سم"],
        },
        es: Texts {
            title: "Toallas de hammam de algodón",
            about: "Foutas y toallas de hammam tejidas en algodón peinado, con rayas tradicionales y flecos anudados a mano.",
            variants: &["100 × 180 cm", "50 × 100 cm"],
        },
        pt: Texts {
            title: "Toalhas de hammam de algodão",
            about: "Foutas e toalhas de hammam tecidas em algodão penteado, com listras tradicionais e franjas amarradas à mão.",
            variants: &["100 × 180 cm", "50 × 100 cm"],
        },
        zh: Texts {
            title: "棉质哈曼浴巾",
            about: "以精梳棉织造的哈曼浴富塔巾（fouta）和毛巾，传统条纹，手工打结流苏。",
            variants: &["100 × 180厘米", "50 × 100厘米"],
        },
    },
    // Social and solidarity economy
    Translated {
        id: "gift-hamper",
        ar: Texts {
            title: "سلة هدايا من المنتوجات المجالية",
            about: "تشكيلة من منتوجات التعاونيات النسائية (أركان وعسل وأملو وتوابل) في علبة من الدوم.",
            variants: &["علبة من 4 منتوجات", "علبة من 8 منتوجات"],
        },
        es: Texts {
            title: "Canasta de regalo de productos regionales marroquíes",
            about: "Una selección de productos de cooperativas de mujeres (argán, miel, amlou, especias) en una caja de palma doum.",
            variants: &["caja de 4 productos", "caja de 8 productos"],
        },
        pt: Texts {
            title: "Cesta de presente com produtos regionais marroquinos",
            about: "Seleção de produtos de cooperativas de mulheres (argan, mel, amlou, especiarias) em caixa de palmeira-doum.",
            variants: &["caixa com 4 produtos", "caixa com 8 produtos"],
        },
        zh: Texts {
            title: "摩洛哥风土特产礼篮",
            about: "精选妇女合作社产品（摩洛哥坚果油、蜂蜜、阿姆鲁酱、香料），装于杜姆棕榈编织礼盒中。",
            variants: &["4件装礼盒", "8件装礼盒"],
        },
    },
    Translated {
        id: "dried-herbs",
        ar: Texts {
            title: "أعشاب عطرية مجففة",
            about: "زعتر وإكليل الجبل ولويزة وأوريغانو، أعشاب برية تجمعها التعاونية من الجبال وتجففها في الظل.",
            variants: &["سائب 10 كلغ", "كيس 50 غ"],
        },
        es: Texts {
            title: "Hierbas aromáticas secas",
            about: "Tomillo, romero, hierba luisa y orégano silvestres, recolectados en la montaña y secados a la sombra por la cooperativa.",
            variants: &["a granel, 10 kg", "bolsita de 50 g"],
        },
        pt: Texts {
            title: "Ervas aromáticas secas",
            about: "Tomilho, alecrim, erva-luísa e orégano silvestres, colhidos na montanha e secos à sombra pela cooperativa.",
            variants: &["a granel, 10 kg", "sachê de 50 g"],
        },
        zh: Texts {
            title: "干燥芳香香草",
            about: "由合作社在山区采集的野生百里香、迷迭香、柠檬马鞭草和牛至，阴干制成。",
            variants: &["散装，10公斤", "50克袋"],
        },
    },
    Translated {
        id: "cooperative-couscous",
        ar: Texts {
            title: "كسكس وسميد التعاونيات",
            about: "كسكس من الشعير والذرة والقمح الكامل، تحضره تعاونية نسائية قروية.",
            variants: &["كيس 500 غ", "كيس 1 كلغ"],
        },
        es: Texts {
            title: "Cuscús y sémolas de cooperativa",
            about: "Cuscús de cebada, de maíz y de trigo integral elaborado por una cooperativa de mujeres rurales.",
            variants: &["bolsa de 500 g", "bolsa de 1 kg"],
        },
        pt: Texts {
            title: "Cuscuz marroquino e sêmolas de cooperativa",
            about: "Cuscuz de cevada, de milho e de trigo integral preparado por uma cooperativa de mulheres rurais.",
            variants: &["pacote de 500 g", "pacote de 1 kg"],
        },
        zh: Texts {
            title: "合作社古斯米及粗粒粉",
            about: "由农村妇女合作社制作的大麦、玉米和全麦古斯米。",
            variants: &["500克袋", "1公斤袋"],
        },
    },
    // Automotive
    Translated {
        id: "wiring-harnesses",
        ar: Texts {
            title: "حزم الأسلاك الكهربائية للسيارات",
            about: "حزم أسلاك للمحرك والمقصورة والأبواب، تصنع وفق رسومات مصنع السيارات، مع اختبار كهربائي بنسبة 100%.",
            variants: &["حزمة أسلاك المحرك", "حزمة أسلاك الباب", "حزمة أسلاك المقصورة"],
        },
        es: Texts {
            title: "Arneses de cables para automóvil",
            about: "Arneses de motor, habitáculo y puertas fabricados según el plano del fabricante de automóviles, con prueba eléctrica al 100 %.",
            variants: &["arnés de motor", "arnés de puerta", "arnés de habitáculo"],
        },
        pt: Texts {
            title: "Chicotes elétricos automotivos",
            about: "Chicotes de motor, habitáculo e portas fabricados conforme o desenho da montadora, com 100% de teste elétrico.",
            variants: &["chicote do motor", "chicote de porta", "chicote do habitáculo"],
        },
        zh: Texts {
            title: "汽车线束",
            about: "按整车厂图纸生产的发动机线束、车身线束和车门线束，100%电性能检测。",
            variants: &["发动机线束", "车门线束", "车身线束"],
        },
    },
    Translated {
        id: "seat-covers",
        ar: Texts {
            title: "أغطية وكسوات مقاعد السيارات",
            about: "كسوات مقاعد من القماش والجلد والجلد الصناعي، تقص وتخاط لفائدة موردي المستوى الأول.",
            variants: &["طقم أمامي", "طقم كامل"],
        },
        es: Texts {
            title: "Fundas y tapizados de asientos",
            about: "Tapizados de asiento en tela, cuero y cuero sintético, cortados y cosidos para proveedores de primer nivel (Tier 1).",
            variants: &["juego delantero", "juego completo"],
        },
        pt: Texts {
            title: "Capas e revestimentos de bancos",
            about: "Revestimentos de bancos em tecido, couro e couro sintético, cortados e costurados para fornecedores Tier 1.",
            variants: &["jogo dianteiro", "jogo completo"],
        },
        zh: Texts {
            title: "汽车座椅套及面套",
            about: "为一级供应商裁剪缝制的织物、真皮和人造革座椅面套。",
            variants: &["前排套件", "全套"],
        },
    },
    Translated {
        id: "plastic-parts",
        ar: Texts {
            title: "قطع بلاستيكية محقونة",
            about: "قطع تكسية داخلية للسيارات مصنوعة بالحقن (PP وABS وPA6) على مكابس من 80 إلى 1300 طن.",
            variants: &["كسوة باب", "الكونسول الوسطي"],
        },
        es: Texts {
            title: "Piezas de plástico inyectado",
            about: "Piezas de revestimiento interior inyectadas (PP, ABS, PA6) en prensas de 80 a 1300 toneladas.",
            variants: &["panel de puerta", "consola central"],
        },
        pt: Texts {
            title: "Peças plásticas injetadas",
            about: "Peças de acabamento interno injetadas (PP, ABS, PA6) em injetoras de 80 a 1.300 toneladas.",
            variants: &["forro de porta", "console central"],
        },
        zh: Texts {
            title: "注塑塑料件",
            about: "采用80至1300吨注塑机生产的汽车内饰件（PP、ABS、PA6）。",
            variants: &["车门内饰板", "中控台"],
        },
    },
    Translated {
        id: "filters",
        ar: Texts {
            title: "مرشحات الهواء والزيت",
            about: "مرشحات الهواء والزيت والمقصورة للمركبات الخفيفة، للتركيب الأصلي ولسوق قطع الغيار.",
            variants: &["مرشح الزيت", "مرشح هواء المقصورة"],
        },
        es: Texts {
            title: "Filtros de aire y de aceite",
            about: "Filtros de aire, de aceite y de habitáculo para vehículos ligeros, para equipo original y posventa.",
            variants: &["filtro de aceite", "filtro de habitáculo"],
        },
        pt: Texts {
            title: "Filtros de ar e de óleo",
            about: "Filtros de ar, de óleo e de cabine para veículos leves, para equipamento original e reposição.",
            variants: &["filtro de óleo", "filtro de cabine"],
        },
        zh: Texts {
            title: "空气滤清器和机油滤清器",
            about: "轻型车用空气滤清器、机油滤清器和空调滤清器，供应原厂配套和售后市场。",
            variants: &["机油滤清器", "空调滤清器"],
        },
    },
    // Aeronautics
    Translated {
        id: "aluminium-structural-parts",
        ar: Texts {
            title: "قطع هيكلية من الألمنيوم مشغلة آليًا",
            about: "تشغيل آلي بخمسة محاور لقطع هيكلية من سبائك 2024 و7075، مع المعالجة السطحية والفحص بآلة القياس ثلاثية الأبعاد.",
            variants: &["إطار جسم الطائرة", "قطعة تثبيت"],
        },
        es: Texts {
            title: "Piezas estructurales mecanizadas de aluminio",
            about: "Mecanizado en 5 ejes de piezas estructurales en aleaciones 2024 y 7075, con tratamiento superficial e inspección por máquina de medición por coordenadas.",
            variants: &["cuaderna de fuselaje", "herraje"],
        },
        pt: Texts {
            title: "Peças estruturais usinadas em alumínio",
            about: "Usinagem em 5 eixos de peças estruturais em ligas 2024 e 7075, com tratamento de superfície e inspeção em máquina de medição tridimensional.",
            variants: &["caverna de fuselagem", "ferragem"],
        },
        zh: Texts {
            title: "铝合金机加工结构件",
            about: "五轴加工2024和7075铝合金结构件，提供表面处理和三坐标测量（CMM）检测。",
            variants: &["机身框", "接头"],
        },
    },
    Translated {
        id: "aircraft-harnesses",
        ar: Texts {
            title: "حزم الأسلاك الكهربائية للطائرات",
            about: "أسلاك وحزم كهربائية للمقصورات والمحركات، تجمع وتختبر وفق معايير مصنعي الطائرات.",
            variants: &["حزمة أسلاك المقصورة", "حزمة أسلاك كنة المحرك"],
        },
        es: Texts {
            title: "Arneses eléctricos aeronáuticos",
            about: "Cableado y arneses eléctricos de cabina y motor, ensamblados y probados según las normas de los fabricantes aeronáuticos.",
            variants: &["arnés de cabina", "arnés de góndola"],
        },
        pt: Texts {
            title: "Chicotes elétricos aeronáuticos",
            about: "Cablagem e chicotes elétricos para cabines e motores, montados e testados conforme as normas dos fabricantes de aeronaves.",
            variants: &["chicote de cabine", "chicote de nacele"],
        },
        zh: Texts {
            title: "航空电气线束",
            about: "客舱及发动机电气线束，按飞机制造商标准装配和测试。",
            variants: &["客舱线束", "短舱线束"],
        },
    },
    Translated {
        id: "composite-parts",
        ar: Texts {
            title: "قطع مركبة من ألياف الكربون",
            about: "تنضيد وإنضاج في الأوتوكلاف وتشذيب لألواح وأغطية انسيابية من المواد المركبة الكربونية.",
            variants: &["غطاء انسيابي", "لوح أرضية"],
        },
        es: Texts {
            title: "Piezas de material compuesto de fibra de carbono",
            about: "Laminado, curado en autoclave y recorte de paneles y carenados de compuesto de carbono.",
            variants: &["carenado", "panel de piso"],
        },
        pt: Texts {
            title: "Peças em compósito de fibra de carbono",
            about: "Laminação, cura em autoclave e recorte de painéis e carenagens em compósito de carbono.",
            variants: &["carenagem", "painel de piso"],
        },
        zh: Texts {
            title: "碳纤维复合材料零件",
            about: "碳纤维复合材料壁板和整流罩的铺层、热压罐固化及修边加工。",
            variants: &["整流罩", "地板面板"],
        },
    },
    // Phosphates
    Translated {
        id: "dap-fertiliser",
        ar: Texts {
            title: "سماد فوسفاط ثنائي الأمونيوم (DAP) 18-46-0",
            about: "فوسفاط ثنائي الأمونيوم على شكل حبيبات، يحتوي على 18% من الآزوت و46% من P2O5، للزراعات الكبرى.",
            variants: &["سائب", "كيس كبير 1 طن", "كيس 50 كلغ"],
        },
        es: Texts {
            title: "Fertilizante fosfatado DAP 18-46-0",
            about: "Fosfato diamónico granulado, con 18 % de nitrógeno y 46 % de P2O5, para cultivos extensivos.",
            variants: &["a granel", "big bag de 1 t", "saco de 50 kg"],
        },
        pt: Texts {
            title: "Fertilizante fosfatado DAP 18-46-0",
            about: "Fosfato diamônico granulado, com 18% de nitrogênio e 46% de P2O5, para grandes culturas.",
            variants: &["a granel", "big bag de 1 t", "saco de 50 kg"],
        },
        zh: Texts {
            title: "磷酸二铵（DAP）18-46-0磷肥",
            about: "颗粒状磷酸二铵，含氮18%、五氧化二磷（P2O5）46%，适用于大田作物。",
            variants: &["散装", "1吨吨袋", "50公斤袋"],
        },
    },
    Translated {
        id: "phosphoric-acid",
        ar: Texts {
            title: "حمض الفوسفوريك التجاري",
            about: "حمض فوسفوريك بتركيز 54% من P2O5، يسلم سائبًا على متن ناقلات صهريجية.",
            variants: &["سائب، شحن بحري"],
        },
        es: Texts {
            title: "Ácido fosfórico de grado comercial",
            about: "Ácido fosfórico al 54 % de P2O5, entregado a granel en buque cisterna.",
            variants: &["a granel por buque"],
        },
        pt: Texts {
            title: "Ácido fosfórico grau comercial",
            about: "Ácido fosfórico a 54% de P2O5, entregue a granel em navio-tanque.",
            variants: &["a granel por navio"],
        },
        zh: Texts {
            title: "商品级磷酸", about: "P2O5含量54%的磷酸，以液货船散装交付。", variants: &["船运散装"]
        },
    },
    Translated {
        id: "rock-phosphate",
        ar: Texts {
            title: "فوسفاط طبيعي مطحون للفلاحة البيولوجية",
            about: "فوسفاط طبيعي مطحون طحنًا دقيقًا، مسموح باستعماله في الفلاحة البيولوجية، بطيء الذوبان.",
            variants: &["كيس كبير 1 طن", "سائب"],
        },
        es: Texts {
            title: "Roca fosfórica molida para agricultura orgánica",
            about: "Roca fosfórica natural finamente molida, apta para la agricultura orgánica, de liberación lenta.",
            variants: &["big bag de 1 t", "a granel"],
        },
        pt: Texts {
            title: "Fosfato natural moído para agricultura orgânica",
            about: "Fosfato natural finamente moído, permitido na agricultura orgânica, de liberação lenta.",
            variants: &["big bag de 1 t", "a granel"],
        },
        zh: Texts {
            title: "有机农业用磷矿粉",
            about: "细磨天然磷矿粉，可用于有机农业，养分缓慢释放。",
            variants: &["1吨吨袋", "散装"],
        },
    },
    // Building materials
    Translated {
        id: "marble-slabs",
        ar: Texts {
            title: "ألواح الرخام والترافرتين",
            about: "ألواح من الرخام والترافرتين المغربي، مصقولة أو مطفأة اللمعان أو معتقة، مع القص حسب المقاس.",
            variants: &["سمك 2 سم", "سمك 3 سم"],
        },
        es: Texts {
            title: "Placas de mármol y travertino",
            about: "Placas de mármol y travertino marroquíes, pulidas, apomazadas o envejecidas, cortadas a medida.",
            variants: &["espesor de 2 cm", "espesor de 3 cm"],
        },
        pt: Texts {
            title: "Chapas de mármore e travertino",
            about: "Chapas de mármore e travertino marroquinos, polidas, levigadas ou envelhecidas, com corte sob medida.",
            variants: &["espessura de 2 cm", "espessura de 3 cm"],
        },
        zh: Texts {
            title: "大理石和洞石板材",
            about: "摩洛哥大理石和洞石板材，表面可做抛光、亚光或滚磨做旧处理，按尺寸切割。",
            variants: &["厚2厘米", "厚3厘米"],
        },
    },
    Translated {
        id: "tadelakt",
        ar: Texts {
            title: "تادلاكت، طلاء الجير التقليدي",
            about: "جير مراكشي جاهز للاستعمال لتكسيات تادلاكت المقاومة للماء، بلونه الطبيعي أو ملون بالأصباغ.",
            variants: &["كيس 25 كلغ", "سطل 5 كلغ"],
        },
        es: Texts {
            title: "Tadelakt, revoque de cal tradicional",
            about: "Cal de Marrakech lista para usar en acabados impermeables de tadelakt, en color natural o pigmentada.",
            variants: &["saco de 25 kg", "cubo de 5 kg"],
        },
        pt: Texts {
            title: "Tadelakt, reboco de cal tradicional",
            about: "Cal de Marrakech pronta para uso em acabamentos impermeáveis de tadelakt, na cor natural ou pigmentada.",
            variants: &["saco de 25 kg", "balde de 5 kg"],
        },
        zh: Texts {
            title: "塔德拉克特（Tadelakt）传统石灰灰泥",
            about: "马拉喀什即用型石灰，用于防水的塔德拉克特饰面，有原色和调色款。",
            variants: &["25公斤袋", "5公斤桶"],
        },
    },
    Translated {
        id: "cement-tiles",
        ar: Texts {
            title: "بلاط إسمنتي مزخرف",
            about: "بلاط إسمنتي مصبوب يدويًا بزخارف تقليدية أو حسب الطلب، بأصباغ معدنية.",
            variants: &["20 × 20 سم", "15 × 15 سم"],
        },
        es: Texts {
            title: "Baldosas hidráulicas de cemento",
            about: "Baldosas de cemento vertidas a mano, con diseños tradicionales o a medida y pigmentos minerales.",
            variants: &["20 × 20 cm", "15 × 15 cm"],
        },
        pt: Texts {
            title: "Ladrilhos hidráulicos",
            about: "Ladrilhos hidráulicos de cimento feitos à mão, com padrões tradicionais ou personalizados e pigmentos minerais.",
            variants: &["20 × 20 cm", "15 × 15 cm"],
        },
        zh: Texts {
            title: "水泥花砖",
            about: "手工浇注的水泥花砖，传统图案或定制图案，采用矿物颜料。",
            variants: &["20 × 20厘米", "15 × 15厘米"],
        },
    },
    // Pharmaceuticals
    Translated {
        id: "generic-medicines",
        ar: Texts {
            title: "أدوية جنيسة على شكل أقراص",
            about: "أدوية جنيسة مصنعة وفق ممارسات التصنيع الجيدة (GMP)، مع ملفات تسجيل متاحة لإفريقيا والشرق الأوسط.",
            variants: &["علبة من 30 قرصًا", "علبة من 20 كبسولة"],
        },
        es: Texts {
            title: "Medicamentos genéricos en comprimidos",
            about: "Genéricos fabricados según las buenas prácticas de manufactura (BPM), con expedientes de registro disponibles para África y Oriente Medio.",
            variants: &["caja de 30 comprimidos", "caja de 20 cápsulas"],
        },
        pt: Texts {
            title: "Medicamentos genéricos em comprimidos",
            about: "Genéricos fabricados conforme as Boas Práticas de Fabricação (BPF), com dossiês de registro disponíveis para a África e o Oriente Médio.",
            variants: &["caixa com 30 comprimidos", "caixa com 20 cápsulas"],
        },
        zh: Texts {
            title: "片剂仿制药",
            about: "按GMP规范生产的仿制药，可提供面向非洲和中东市场的注册资料。",
            variants: &["30片/盒", "20粒胶囊/盒"],
        },
    },
    Translated {
        id: "essential-oils",
        ar: Texts {
            title: "زيوت أساسية بجودة صيدلانية",
            about: "زيوت أساسية من إكليل الجبل والزعتر والشيح الأبيض مقطرة بالبخار، مع تقارير التحليل الكروماتوغرافي.",
            variants: &["عبوة 1 كلغ", "برميل 25 كلغ"],
        },
        es: Texts {
            title: "Aceites esenciales de calidad farmacéutica",
            about: "Aceites esenciales de romero, tomillo y artemisa blanca destilados al vapor, con informe cromatográfico.",
            variants: &["bidón de 1 kg", "barril de 25 kg"],
        },
        pt: Texts {
            title: "Óleos essenciais de grau farmacêutico",
            about: "Óleos essenciais de alecrim, tomilho e artemísia-branca destilados a vapor, com laudo cromatográfico.",
            variants: &["galão de 1 kg", "tambor de 25 kg"],
        },
        zh: Texts {
            title: "医药级精油",
            about: "水蒸气蒸馏的迷迭香、百里香和白蒿精油，附色谱分析报告。",
            variants: &["1公斤罐", "25公斤桶"],
        },
    },
    // Electronics
    Translated {
        id: "power-cables",
        ar: Texts {
            title: "كابلات كهربائية منخفضة التوتر",
            about: "كابلات نحاسية معزولة بمادة PVC أو XLPE للبناء والصناعة، مطابقة لمعايير IEC.",
            variants: &["بكرة 500 م", "لفة 100 م"],
        },
        es: Texts {
            title: "Cables eléctricos de baja tensión",
            about: "Cables de cobre con aislamiento de PVC y XLPE para edificación e industria, conformes a las normas IEC.",
            variants: &["bobina de 500 m", "rollo de 100 m"],
        },
        pt: Texts {
            title: "Cabos elétricos de baixa tensão",
            about: "Cabos de cobre com isolamento em PVC e XLPE para construção civil e indústria, conforme as normas IEC.",
            variants: &["bobina de 500 m", "rolo de 100 m"],
        },
        zh: Texts {
            title: "低压电力电缆",
            about: "PVC及XLPE绝缘铜芯电缆，用于建筑和工业领域，符合IEC标准。",
            variants: &["500米电缆盘", "100米卷"],
        },
    },
    Translated {
        id: "pcb-assemblies",
        ar: Texts {
            title: "لوحات الدوائر المطبوعة المجمعة",
            about: "تجميع اللوحات الإلكترونية بتقنيتي التركيب السطحي (SMT) والثقوب النافذة، مع الاختبار داخل الدارة والاختبار الوظيفي، لسلاسل صغيرة ومتوسطة.",
            variants: &["لوحة تحكم", "وحدة تغذية كهربائية"],
        },
        es: Texts {
            title: "Placas de circuito impreso ensambladas",
            about: "Ensamblaje de placas electrónicas en SMT y de inserción (through-hole), con prueba en circuito (ICT) y funcional, en series pequeñas y medianas.",
            variants: &["tarjeta de control", "módulo de alimentación"],
        },
        pt: Texts {
            title: "Placas de circuito impresso montadas",
            about: "Montagem de placas eletrônicas SMT e PTH, com teste in-circuit e funcional, em lotes pequenos e médios.",
            variants: &["placa de controle", "módulo de alimentação"],
        },
        zh: Texts {
            title: "印刷电路板组件（PCBA）",
            about: "SMT贴片及通孔插件组装，配合在线测试（ICT）和功能测试，承接中小批量生产。",
            variants: &["控制板", "电源模块"],
        },
    },
    Translated {
        id: "switchboards",
        ar: Texts {
            title: "لوحات وخزائن كهربائية",
            about: "لوحات وخزائن توزيع منخفضة التوتر، تمدد أسلاكها وتختبر وفق رسومات العميل.",
            variants: &["خزانة 800 أمبير", "لوحة توزيع فرعية"],
        },
        es: Texts {
            title: "Tableros y armarios eléctricos",
            about: "Tableros y armarios de distribución de baja tensión, cableados y probados según los planos del cliente.",
            variants: &["armario de 800 A", "tablero de distribución secundario"],
        },
        pt: Texts {
            title: "Quadros e painéis elétricos",
            about: "Quadros e painéis de distribuição de baixa tensão, cabeados e testados conforme o projeto do cliente.",
            variants: &["painel de 800 A", "quadro de distribuição secundário"],
        },
        zh: Texts {
            title: "电气配电盘及配电柜",
            about: "按客户图纸完成接线和测试的低压配电盘及配电柜。",
            variants: &["800A配电柜", "分配电箱"],
        },
    },
];

/// The texts of a product family, if translated.
pub fn translated(id: &str) -> Option<&'static Translated> {
    TRANSLATED.iter().find(|t| t.id == id)
}
