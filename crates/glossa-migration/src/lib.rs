//! The schema of Glossa as versioned, reversible migrations.
//!
//! One definition renders to SQLite and PostgreSQL. Migrations are split by
//! area and never edited once released; add a new one instead.

pub use sea_orm_migration::prelude::*;

pub mod ddl;
mod m0001_identity;

/// Every migration, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m0001_identity::Migration)]
    }
}
