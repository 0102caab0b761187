//! Runs the migrations from the command line (`cargo run -p migrations -- up`),
//! reading `DATABASE_URL`. The server also runs them itself at start.

#[tokio::main]
async fn main() {
    sea_orm_migration::cli::run_cli(migrations::Migrator).await;
}
