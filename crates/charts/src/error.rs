//! Why a chart could not be drawn from its input.

/// Input a chart cannot draw; the message names the offending item.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChartError {
    #[error("the heatmap has {labels} labels but {rows} rows of values; give one row per label")]
    RowCount { labels: usize, rows: usize },
    #[error("heatmap row {row} has {len} values but there are {labels} labels; the matrix must be square")]
    NotSquare { labels: usize, row: usize, len: usize },
    #[error("timeline event {index} ({label:?}) has date {date:?}; write YYYY, YYYY-MM or YYYY-MM-DD")]
    InvalidDate { index: usize, label: String, date: String },
}
