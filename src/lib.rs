//! fatiao (法条): a knowledge base of Chinese statutes with question answering.
//!
//! Data flows one way: corpus files → [`ingest`] → records ([`records`], held in a [`corpus::Corpus`])
//! → [`index`] → retrieval ([`search`]) → [`service`] → HTTP ([`server`]) and the CLI.
//! See ARCHITECTURE.md for a walk through the modules.

pub mod cite;
pub mod config;
pub mod corpus;
pub mod error;
pub mod eval;
pub mod index;
pub mod ingest;
pub mod mcp;
pub mod normalize;
pub mod numerals;
pub mod qa;
pub mod records;
pub mod rules;
pub mod search;
pub mod server;
pub mod service;
pub mod understand;

pub use error::{Error, Result};
