//! `GET /api/v1/docs`: the OpenAPI document as a readable page (English, plain
//! HTML, no script), rendered from the same `utoipa::openapi::OpenApi` value
//! as `/api/v1/openapi.json`: a table of contents, every operation with its
//! parameters (type, allowed values, bounds, default), its responses and an
//! example `curl` line on the site's public URL, then every schema. Every
//! text inserted is HTML-escaped. The style is `/api-docs.css` (from
//! `public/`): the security policy of responses other than the app's pages
//! allows the site's stylesheets, not inline style.

use std::fmt::{self, Write as _};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Serialize;
use serde_json::Value;
use utoipa::openapi::path::{Operation, Parameter, ParameterIn};
use utoipa::openapi::schema::{AdditionalProperties, ArrayItems, Object, Schema, SchemaType, Type};
use utoipa::openapi::{OpenApi, RefOr, Required};

use super::openapi::document;
use super::{DOCUMENT_CACHE, tagged};
use crate::state::AppState;

/// `GET /api/v1/docs`.
pub async fn serve(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let html = render(document(), state.settings.public_url.as_str());
    tagged(&headers, Bytes::from(html), "text/html; charset=utf-8", DOCUMENT_CACHE)
}

/// `text` escaped for HTML content and quoted attributes (the site's one
/// escaping rule).
pub fn escape(text: &str) -> String {
    app::components::escape_html(text)
}

/// The page for `doc`, with examples on `site` (the public URL).
pub fn render(doc: &OpenApi, site: &str) -> String {
    let mut out = String::with_capacity(64 * 1024);
    // Writing to a `String` cannot fail.
    let _ = write_page(&mut out, doc, site.trim_end_matches('/'));
    out
}

/// Escaped text where `code` spans become `<code>`.
fn inline(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    let mut html = String::with_capacity(text.len());
    for (index, part) in parts.iter().enumerate() {
        if index % 2 == 1 && index + 1 < parts.len() {
            html.push_str("<code>");
            html.push_str(&escape(part));
            html.push_str("</code>");
        } else {
            if index % 2 == 1 {
                html.push('`');
            }
            html.push_str(&escape(part));
        }
    }
    html
}

/// Paragraphs (separated by blank lines) of `text`.
fn write_prose(out: &mut String, text: &str) -> fmt::Result {
    for paragraph in text.split("\n\n").map(str::trim).filter(|paragraph| !paragraph.is_empty()) {
        writeln!(out, "<p>{}</p>", inline(paragraph))?;
    }
    Ok(())
}

/// A JSON value as text: strings bare, anything else as JSON.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// How a part of the document is spelt in JSON (`"query"`, `"int64"`…).
fn json_text<T: Serialize>(part: &T) -> String {
    serde_json::to_value(part).map(|value| value_text(&value)).unwrap_or_default()
}

/// An `id` made of letters, digits and dashes.
fn anchor(prefix: &str, name: &str) -> String {
    let name: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("{prefix}-{name}")
}

fn schema_name(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

/// Every operation, in path order: path, method, operation.
fn operations(doc: &OpenApi) -> Vec<(&str, &'static str, &Operation)> {
    doc.paths
        .paths
        .iter()
        .flat_map(|(path, item)| {
            [
                ("GET", &item.get),
                ("PUT", &item.put),
                ("POST", &item.post),
                ("DELETE", &item.delete),
                ("OPTIONS", &item.options),
                ("HEAD", &item.head),
                ("PATCH", &item.patch),
                ("TRACE", &item.trace),
            ]
            .into_iter()
            .filter_map(move |(method, operation)| {
                operation.as_ref().map(|operation| (path.as_str(), method, operation))
            })
        })
        .collect()
}

fn operation_anchor(path: &str, method: &str, operation: &Operation) -> String {
    match &operation.operation_id {
        Some(id) => anchor("op", id),
        None => anchor("op", &format!("{method}{path}")),
    }
}

fn write_page(out: &mut String, doc: &OpenApi, site: &str) -> fmt::Result {
    let title = escape(&doc.info.title);
    let operations = operations(doc);
    let schemas: Vec<(&String, &RefOr<Schema>)> =
        doc.components.iter().flat_map(|components| components.schemas.iter()).collect();
    writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    writeln!(out, "<title>{title}</title>\n<link rel=\"stylesheet\" href=\"/api-docs.css\">\n</head>")?;
    writeln!(out, "<body>\n<main>\n<header>\n<h1>{title}</h1>")?;
    writeln!(
        out,
        "<p class=\"meta\">Version {} · OpenAPI {} · <a href=\"/api/v1/openapi.json\">openapi.json</a></p>\n</header>",
        escape(&doc.info.version),
        escape(&json_text(&doc.openapi)),
    )?;
    if let Some(description) = &doc.info.description {
        write_prose(out, description)?;
    }

    writeln!(out, "<nav class=\"contents\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ol>")?;
    for (path, method, operation) in &operations {
        write!(
            out,
            "<li><a href=\"#{}\"><span class=\"method\">{}</span> <code>{}</code></a>",
            escape(&operation_anchor(path, method, operation)),
            escape(method),
            escape(path),
        )?;
        if let Some(summary) = &operation.summary {
            write!(out, " — {}", inline(summary))?;
        }
        writeln!(out, "</li>")?;
    }
    if !schemas.is_empty() {
        let links: Vec<String> = schemas
            .iter()
            .map(|(name, _)| format!("<a href=\"#{}\">{}</a>", escape(&anchor("schema", name)), escape(name)))
            .collect();
        writeln!(out, "<li><a href=\"#schemas\">Schemas</a>: {}</li>", links.join(", "))?;
    }
    writeln!(out, "</ol>\n</nav>")?;

    for (path, method, operation) in &operations {
        write_operation(out, doc, site, path, method, operation)?;
    }

    if !schemas.is_empty() {
        writeln!(out, "<section class=\"schemas\" id=\"schemas\">\n<h2>Schemas</h2>")?;
        for (name, schema) in &schemas {
            writeln!(
                out,
                "<section class=\"schema\" id=\"{}\">\n<h3>{}</h3>",
                escape(&anchor("schema", name)),
                escape(name)
            )?;
            write_schema(out, schema)?;
            writeln!(out, "</section>")?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(out, "</main>\n</body>\n</html>")
}

fn write_operation(
    out: &mut String,
    doc: &OpenApi,
    site: &str,
    path: &str,
    method: &str,
    operation: &Operation,
) -> fmt::Result {
    writeln!(
        out,
        "<section class=\"operation\" id=\"{}\">\n<h2><span class=\"method\">{}</span> <code>{}</code></h2>",
        escape(&operation_anchor(path, method, operation)),
        escape(method),
        escape(path),
    )?;
    if let Some(summary) = &operation.summary {
        writeln!(out, "<p class=\"summary\">{}</p>", inline(summary))?;
    }
    if let Some(description) = &operation.description {
        write_prose(out, description)?;
    }

    let parameters = operation.parameters.as_deref().unwrap_or_default();
    writeln!(out, "<h3>Parameters</h3>")?;
    if parameters.is_empty() {
        writeln!(out, "<p>None.</p>")?;
    } else {
        writeln!(out, "<div class=\"scroll\"><table>")?;
        writeln!(
            out,
            "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">In</th><th scope=\"col\">Required</th>\
             <th scope=\"col\">Type</th><th scope=\"col\">Description</th></tr></thead>\n<tbody>"
        )?;
        for parameter in parameters {
            write_parameter(out, doc, parameter)?;
        }
        writeln!(out, "</tbody>\n</table></div>")?;
    }

    writeln!(out, "<h3>Responses</h3>\n<div class=\"scroll\"><table>")?;
    writeln!(
        out,
        "<thead><tr><th scope=\"col\">Status</th><th scope=\"col\">Meaning</th><th scope=\"col\">Body</th>\
         <th scope=\"col\">Headers</th></tr></thead>\n<tbody>"
    )?;
    for (status, response) in &operation.responses.responses {
        match response {
            RefOr::T(response) => {
                let bodies: Vec<String> = response
                    .content
                    .iter()
                    .filter_map(|(media, content)| {
                        let schema = content.schema.as_ref()?;
                        Some(format!("{} <span class=\"media\">{}</span>", type_html(schema), escape(media)))
                    })
                    .collect();
                let headers: Vec<String> = response
                    .headers
                    .iter()
                    .map(|(name, header)| match &header.description {
                        Some(description) => format!("<code>{}</code>: {}", escape(name), inline(description)),
                        None => format!("<code>{}</code>", escape(name)),
                    })
                    .collect();
                writeln!(
                    out,
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(status),
                    inline(&response.description),
                    or_dash(&bodies),
                    or_dash(&headers),
                )?;
            }
            RefOr::Ref(reference) => writeln!(
                out,
                "<tr><td><code>{}</code></td><td colspan=\"3\">{}</td></tr>",
                escape(status),
                escape(&reference.ref_location)
            )?,
        }
    }
    writeln!(out, "</tbody>\n</table></div>")?;

    writeln!(out, "<h3>Example</h3>\n<pre><code>{}</code></pre>\n</section>", escape(&curl(site, path, parameters)))
}

/// HTML pieces one per line, or a dash when there are none.
fn or_dash(pieces: &[String]) -> String {
    if pieces.is_empty() { "—".to_owned() } else { pieces.join("<br>") }
}

fn write_parameter(out: &mut String, doc: &OpenApi, parameter: &Parameter) -> fmt::Result {
    let kind = parameter.schema.as_ref().map_or_else(|| "string".to_owned(), type_html);
    write!(
        out,
        "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>",
        escape(&parameter.name),
        escape(&json_text(&parameter.parameter_in)),
        if parameter.required == Required::True { "yes" } else { "no" },
        kind,
    )?;
    let mut notes: Vec<String> = Vec::new();
    if let Some(description) = &parameter.description {
        notes.push(inline(description));
    }
    if let Some(object) = parameter.schema.as_ref().and_then(|schema| resolved_object(doc, schema)) {
        if let Some(values) = enum_html(object) {
            notes.push(format!("One of {values}."));
        }
        let bound = |number: &Option<utoipa::Number>| number.as_ref().map(json_text);
        match (bound(&object.minimum), bound(&object.maximum)) {
            (Some(minimum), Some(maximum)) => notes.push(format!("From {} to {}.", escape(&minimum), escape(&maximum))),
            (Some(minimum), None) => notes.push(format!("At least {}.", escape(&minimum))),
            (None, Some(maximum)) => notes.push(format!("At most {}.", escape(&maximum))),
            (None, None) => {}
        }
        if let Some(length) = object.max_length {
            notes.push(format!("At most {length} characters."));
        }
        if let Some(default) = &object.default {
            notes.push(format!("Default: <code>{}</code>.", escape(&value_text(default))));
        }
    }
    if let Some(example) = example_of(parameter) {
        notes.push(format!("Example: <code>{}</code>.", escape(&example)));
    }
    writeln!(out, "{}</td></tr>", notes.join("<br>"))
}

/// The parameter's example (a private field of `Parameter`: read from its JSON).
fn example_of(parameter: &Parameter) -> Option<String> {
    let json = serde_json::to_value(parameter).ok()?;
    json.get("example").map(value_text)
}

/// An example request: path parameters and the query parameters that have an
/// example filled in, as a shell line.
fn curl(site: &str, path: &str, parameters: &[Parameter]) -> String {
    let mut path = path.to_owned();
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for parameter in parameters {
        let Some(example) = example_of(parameter) else { continue };
        match parameter.parameter_in {
            ParameterIn::Path => {
                let value: String = url::form_urlencoded::byte_serialize(example.as_bytes()).collect();
                path = path.replace(&format!("{{{}}}", parameter.name), &value);
            }
            ParameterIn::Query => {
                query.append_pair(&parameter.name, &example);
            }
            _ => {}
        }
    }
    let query = query.finish();
    let url = if query.is_empty() { format!("{site}{path}") } else { format!("{site}{path}?{query}") };
    format!("curl '{}'", url.replace('\'', "'\\''"))
}

/// The object schema behind `schema`: through a reference to a component, and
/// through `oneOf` (an optional value is "null or …").
fn resolved_object<'a>(doc: &'a OpenApi, schema: &'a RefOr<Schema>) -> Option<&'a Object> {
    match schema {
        RefOr::Ref(reference) => {
            let target = doc.components.as_ref()?.schemas.get(schema_name(&reference.ref_location))?;
            match target {
                RefOr::T(_) => resolved_object(doc, target),
                RefOr::Ref(_) => None,
            }
        }
        RefOr::T(Schema::Object(object)) => Some(object),
        RefOr::T(Schema::OneOf(one_of)) => one_of
            .items
            .iter()
            .filter_map(|item| resolved_object(doc, item))
            .find(|object| object.schema_type != SchemaType::new(Type::Null)),
        RefOr::T(_) => None,
    }
}

/// "`a`, `b` or `c`" for a schema with allowed values.
fn enum_html(object: &Object) -> Option<String> {
    let values: Vec<String> = object
        .enum_values
        .iter()
        .flatten()
        .map(|value| format!("<code>{}</code>", escape(&value_text(value))))
        .collect();
    match values.split_last() {
        None => None,
        Some((last, [])) => Some(last.clone()),
        Some((last, rest)) => Some(format!("{} or {last}", rest.join(", "))),
    }
}

/// `string`, `integer or null`…
fn schema_type_text(schema_type: &SchemaType) -> String {
    match serde_json::to_value(schema_type) {
        Ok(Value::String(name)) => name,
        Ok(Value::Array(names)) => names.iter().map(value_text).collect::<Vec<_>>().join(" or "),
        _ => "any".to_owned(),
    }
}

/// The type of a schema as HTML, components linked.
fn type_html(schema: &RefOr<Schema>) -> String {
    match schema {
        RefOr::Ref(reference) => {
            let name = schema_name(&reference.ref_location);
            format!("<a href=\"#{}\">{}</a>", escape(&anchor("schema", name)), escape(name))
        }
        RefOr::T(Schema::Object(object)) => object_type_html(object),
        RefOr::T(Schema::Array(array)) => match &array.items {
            ArrayItems::RefOrSchema(items) => format!("array of {}", type_html(items)),
            ArrayItems::False => "empty array".to_owned(),
        },
        RefOr::T(Schema::OneOf(one_of)) => one_of.items.iter().map(type_html).collect::<Vec<_>>().join(" or "),
        RefOr::T(Schema::AllOf(all_of)) => all_of.items.iter().map(type_html).collect::<Vec<_>>().join(" and "),
        RefOr::T(Schema::AnyOf(any_of)) => any_of.items.iter().map(type_html).collect::<Vec<_>>().join(" or "),
        RefOr::T(_) => "any".to_owned(),
    }
}

fn object_type_html(object: &Object) -> String {
    if let Some(AdditionalProperties::RefOr(values)) = object.additional_properties.as_deref() {
        let keys = match object.property_names.as_deref() {
            Some(Schema::Object(names)) => {
                enum_html(names).unwrap_or_else(|| escape(&schema_type_text(&names.schema_type)))
            }
            _ => "string".to_owned(),
        };
        return format!("map from {keys} to {}", type_html(values));
    }
    let mut text = escape(&schema_type_text(&object.schema_type));
    if let Some(format) = &object.format {
        text.push_str(&format!(" ({})", escape(&json_text(format))));
    }
    text
}

/// The description of a schema (a field's, when the field has its own).
fn description_of(schema: &RefOr<Schema>) -> Option<&str> {
    let description = match schema {
        RefOr::Ref(reference) => Some(reference.description.as_str()),
        RefOr::T(Schema::Object(object)) => object.description.as_deref(),
        RefOr::T(Schema::Array(array)) => array.description.as_deref(),
        RefOr::T(Schema::OneOf(one_of)) => {
            one_of.description.as_deref().or_else(|| one_of.items.iter().find_map(description_of))
        }
        RefOr::T(Schema::AllOf(all_of)) => all_of.description.as_deref(),
        RefOr::T(Schema::AnyOf(any_of)) => any_of.description.as_deref(),
        RefOr::T(_) => None,
    };
    description.filter(|description| !description.trim().is_empty())
}

/// A component schema: its description, then its fields, values or variants.
fn write_schema(out: &mut String, schema: &RefOr<Schema>) -> fmt::Result {
    if let Some(description) = description_of(schema) {
        write_prose(out, description)?;
    }
    match schema {
        RefOr::T(Schema::Object(object)) if !object.properties.is_empty() => write_fields(out, object),
        RefOr::T(Schema::Object(object)) => match enum_html(object) {
            Some(values) => writeln!(out, "<p>A {}: {values}.</p>", escape(&schema_type_text(&object.schema_type))),
            None => {
                if let Some(pattern) = &object.pattern {
                    writeln!(out, "<p>A string matching <code>{}</code>.</p>", escape(pattern))?;
                }
                writeln!(out, "<p>Type: {}.</p>", type_html(schema))
            }
        },
        RefOr::T(Schema::OneOf(one_of)) => write_variants(out, "One of:", &one_of.items),
        RefOr::T(Schema::AllOf(all_of)) => write_variants(out, "All of:", &all_of.items),
        RefOr::T(Schema::AnyOf(any_of)) => write_variants(out, "Any of:", &any_of.items),
        _ => writeln!(out, "<p>Type: {}.</p>", type_html(schema)),
    }
}

fn write_variants(out: &mut String, title: &str, items: &[RefOr<Schema>]) -> fmt::Result {
    writeln!(out, "<p>{}</p>\n<ul>", escape(title))?;
    for item in items {
        write!(out, "<li>")?;
        match item {
            RefOr::T(Schema::Object(object)) if !object.properties.is_empty() => {
                write!(out, "an object")?;
                if let Some(description) = description_of(item) {
                    write!(out, ": {}", inline(description))?;
                }
                write_fields(out, object)?;
            }
            RefOr::T(Schema::Object(object)) if object.enum_values.is_some() => {
                write!(out, "{}", enum_html(object).unwrap_or_default())?;
                if let Some(description) = description_of(item) {
                    write!(out, ": {}", inline(description))?;
                }
            }
            _ => write!(out, "{}", type_html(item))?,
        }
        writeln!(out, "</li>")?;
    }
    writeln!(out, "</ul>")
}

/// The fields of an object schema, nested objects inside.
fn write_fields(out: &mut String, object: &Object) -> fmt::Result {
    writeln!(out, "<div class=\"scroll\"><table>")?;
    writeln!(
        out,
        "<thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Type</th><th scope=\"col\">Description</th></tr>\
         </thead>\n<tbody>"
    )?;
    for (name, property) in object.properties.iter() {
        let required = if object.required.contains(name) { " <span class=\"required\">required</span>" } else { "" };
        write!(
            out,
            "<tr><td><code>{}</code>{required}</td><td>{}</td><td>{}",
            escape(name),
            type_html(property),
            description_of(property).map(inline).unwrap_or_default(),
        )?;
        if let RefOr::T(Schema::Object(nested)) = property {
            if !nested.properties.is_empty() {
                write_fields(out, nested)?;
            } else if let Some(values) = enum_html(nested) {
                write!(out, " One of {values}.")?;
            }
        }
        writeln!(out, "</td></tr>")?;
    }
    writeln!(out, "</tbody>\n</table></div>")
}
