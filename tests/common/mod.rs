//! Running the `accord` binary from the integration tests.

#![allow(dead_code)]

use std::process::{Command, Output};

use serde_json::Value;

/// Runs `accord` with the built-in atlas (whatever `ACCORD_DATA` the environment has).
pub fn accord(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_accord")).args(args).env_remove("ACCORD_DATA").output().expect("runs")
}

/// Runs `accord`, asserts success and parses its JSON output.
pub fn json(args: &[&str]) -> Value {
    let out = accord(args);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
