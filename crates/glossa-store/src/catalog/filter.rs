//! Which rows a catalog read returns: published only, one slug, or the
//! filters of the public lists.

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};

/// Filters of a catalog read. A field a table does not have is ignored:
/// `category` applies to grammar topics, exercises and scenarios, `kind`
/// to exercises (`exercise_type`) and assessments (`assessment_type`),
/// `topic` to exercises.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only published items.
    pub published: bool,
    /// One item.
    pub slug: Option<String>,
    /// CEFR level.
    pub level: Option<String>,
    /// Category.
    pub category: Option<String>,
    /// Exercise or assessment type.
    pub kind: Option<String>,
    /// Grammar topic slug (exercises).
    pub topic: Option<String>,
}

impl Filter {
    /// Every item, whatever its status.
    pub fn all() -> Self {
        Self::default()
    }

    /// Published items.
    pub fn published() -> Self {
        Self {
            published: true,
            ..Self::default()
        }
    }

    /// The item with this slug, whatever its status.
    pub fn slug(slug: &str) -> Self {
        Self {
            slug: Some(slug.to_owned()),
            ..Self::default()
        }
    }

    /// Restrict `q`, a select from `table` of language `lang`.
    pub(crate) fn apply(&self, q: &mut SelectStatement, table: &'static str, lang: &str) {
        let eq = |q: &mut SelectStatement, col: &'static str, v: &str| {
            q.and_where(Expr::col(Alias::new(col)).eq(Expr::val(v.to_owned())));
        };
        if self.published {
            eq(q, "status", "published");
        }
        if let Some(s) = &self.slug {
            eq(q, "slug", s);
        }
        if let Some(l) = &self.level {
            eq(q, "cefr_level", l);
        }
        if let Some(c) = &self.category
            && matches!(table, "grammar_topics" | "exercises" | "scenarios")
        {
            eq(q, "category", c);
        }
        match (table, &self.kind) {
            ("exercises", Some(k)) => eq(q, "exercise_type", k),
            ("assessments", Some(k)) => eq(q, "assessment_type", k),
            _ => {}
        }
        if let Some(t) = &self.topic
            && table == "exercises"
        {
            let mut topics = Query::select();
            topics
                .column(Alias::new("id"))
                .from(Alias::new("grammar_topics"));
            eq(&mut topics, "language", lang);
            eq(&mut topics, "slug", t);
            if self.published {
                eq(&mut topics, "status", "published");
            }
            q.and_where(Expr::col(Alias::new("grammar_topic_id")).in_subquery(topics));
        }
    }
}
