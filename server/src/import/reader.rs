//! Sheets are read off the async workers and a few at a time: a sheet at the
//! limits takes a second of CPU and tens of MB, and the workers must keep
//! answering every other visitor (`/healthz` among them) meanwhile.

use tokio::sync::Semaphore;

use super::sheet::{self, SheetRow};
use app::domain::RowProblem;

/// Reads sheets on the blocking pool, at most `concurrent` at once.
pub struct SheetReader {
    parses: Semaphore,
}

impl SheetReader {
    pub fn new(concurrent: usize) -> SheetReader {
        SheetReader { parses: Semaphore::new(concurrent.max(1)) }
    }

    /// `sheet::read` on the blocking pool, waiting its turn. A parse that
    /// panics (a bug in a reader for a file we let through) is logged and
    /// answered as a file that is not a sheet.
    pub async fn read(&self, bytes: Vec<u8>) -> Result<Vec<SheetRow>, RowProblem> {
        let not_a_sheet = || RowProblem { row: 0, column: String::new(), reason: "import.not_a_sheet".into() };
        let Ok(_permit) = self.parses.acquire().await else { return Err(not_a_sheet()) };
        match tokio::task::spawn_blocking(move || sheet::read(&bytes)).await {
            Ok(read) => read,
            Err(error) => {
                tracing::error!(%error, "reading a sheet failed");
                Err(not_a_sheet())
            }
        }
    }
}
