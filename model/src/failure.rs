use serde::{Deserialize, Serialize};

use super::PayloadView;

/// A Temporal failure with its whole cause chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailureView {
    pub message: String,
    /// The kind of failure: the application error type (`PaymentDeclined`), or `Timeout
    /// (StartToClose)`, `Activity task failed`, `Canceled`, `Terminated`, …
    pub kind: String,
    /// Extra facts of that kind: activity type and ID, retry state, timeout type, …
    pub facts: Vec<(String, String)>,
    pub non_retryable: bool,
    /// SDK that produced it (`PythonSDK`, `TypeScriptSDK`, …).
    pub source: String,
    pub stack_trace: String,
    pub details: Vec<PayloadView>,
    pub cause: Option<Box<FailureView>>,
}

impl FailureView {
    /// The failure and its causes, outermost first.
    pub fn chain(&self) -> Vec<&FailureView> {
        let mut chain = vec![self];
        let mut current = self;
        while let Some(cause) = current.cause.as_deref() {
            chain.push(cause);
            current = cause;
        }
        chain
    }

    /// The innermost cause: usually what actually went wrong.
    pub fn root_cause(&self) -> &FailureView {
        self.chain().last().copied().unwrap_or(self)
    }
}
