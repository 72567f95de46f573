//! The schema of Glossa as versioned, reversible migrations.
//!
//! One definition renders to SQLite and PostgreSQL. Migrations are split by
//! area and never edited once released; add a new one instead.

pub use sea_orm_migration::prelude::*;

pub mod ddl;
mod m0001_identity;
mod m0002_catalog_vocabulary;
mod m0003_catalog_content;
mod m0004_learning;
mod m0005_conversations;
mod m0006_writing_corrections;
mod m0007_memory;
mod m0008_progress_jobs;
mod m0009_card_steps;

/// Every migration, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_identity::Migration),
            Box::new(m0002_catalog_vocabulary::Migration),
            Box::new(m0003_catalog_content::Migration),
            Box::new(m0004_learning::Migration),
            Box::new(m0005_conversations::Migration),
            Box::new(m0006_writing_corrections::Migration),
            Box::new(m0007_memory::Migration),
            Box::new(m0008_progress_jobs::Migration),
            Box::new(m0009_card_steps::Migration),
        ]
    }
}
