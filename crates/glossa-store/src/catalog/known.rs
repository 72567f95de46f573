//! What a pack's references may point to besides the pack itself: the
//! stored content of its language. Validation sees it as a
//! [`glossa_core::pack::Known`]; the importer starts from its ids.

use std::collections::{BTreeMap, BTreeSet};

use glossa_core::pack::{Known, Pack, wanted};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, SelectStatement};
use sea_orm::{ConnectionTrait, QueryResult};
use uuid::Uuid;

use super::export::{eq, get, order, select};
use super::import::Ids;
use super::sql::rows;
use crate::error::StoreResult;

/// Values per `IN (...)` list, well below every backend's parameter limit.
const CHUNK: usize = 500;

/// Rows of `q` for each chunk of `values` in `col`.
async fn rows_in(
    db: &impl ConnectionTrait,
    q: &SelectStatement,
    col: &'static str,
    values: &BTreeSet<String>,
) -> StoreResult<Vec<QueryResult>> {
    let values: Vec<&String> = values.iter().collect();
    let mut out = Vec::new();
    for chunk in values.chunks(CHUNK) {
        let mut q = q.clone();
        q.and_where(Expr::col(Alias::new(col)).is_in(chunk.iter().map(|v| v.to_string())));
        out.extend(rows(db, &q).await?);
    }
    Ok(out)
}

/// The stored content of the pack's language that the pack refers to.
pub async fn known(db: &impl ConnectionTrait, pack: &Pack) -> StoreResult<Known> {
    Ok(existing(db, pack).await?.0)
}

/// Stored content the pack may refer to, as keys and as ids. Topics are
/// read whole (parents are followed to find cycles); words, exercises and
/// lessons only where the pack names them.
pub(crate) async fn existing(db: &impl ConnectionTrait, pack: &Pack) -> StoreResult<(Known, Ids)> {
    let mut known = Known::default();
    let mut ids = Ids::default();
    let lang = pack.manifest.language.as_str();
    if lang == "mul" {
        return Ok((known, ids));
    }
    let want = wanted(pack);

    let mut q = select("grammar_topics", &["id", "slug", "parent_id"]);
    eq(&mut q, "language", lang);
    let topics = rows(db, &q).await?;
    let mut slugs = BTreeMap::new();
    for r in &topics {
        slugs.insert(get::<Uuid>(r, "id")?, get::<String>(r, "slug")?);
    }
    for r in &topics {
        let slug: String = get(r, "slug")?;
        let parent: Option<Uuid> = get(r, "parent_id")?;
        ids.topics.insert(slug.clone(), get(r, "id")?);
        known
            .topics
            .insert(slug, parent.and_then(|p| slugs.get(&p).cloned()));
    }

    let mut q = select("words", &["id", "base_form", "part_of_speech"]);
    eq(&mut q, "language", lang);
    order(&mut q, "base_form");
    order(&mut q, "part_of_speech");
    order(&mut q, "id");
    for r in rows_in(db, &q, "base_form", &want.lemmas).await? {
        let (id, lemma): (Uuid, String) = (get(&r, "id")?, get(&r, "base_form")?);
        let key = format!("{lemma}|{}", get::<String>(&r, "part_of_speech")?);
        ids.words_by_key.insert(key.clone(), id);
        ids.words_by_lemma.entry(lemma).or_insert(id);
        known.words.insert(key);
    }

    let mut q = select("exercises", &["id", "slug"]);
    eq(&mut q, "language", lang);
    for r in rows_in(db, &q, "slug", &want.exercises).await? {
        let slug: String = get(&r, "slug")?;
        ids.exercises.insert(slug.clone(), get(&r, "id")?);
        known.exercises.insert(slug);
    }

    if !want.lessons.is_empty() {
        let mut q = select("courses", &["id", "slug"]);
        eq(&mut q, "language", lang);
        let mut courses = BTreeMap::new();
        for r in rows(db, &q).await? {
            courses.insert(get::<Uuid>(&r, "id")?, get::<String>(&r, "slug")?);
        }
        let mut q = select("lessons", &["slug", "course_id"]);
        eq(&mut q, "language", lang);
        for r in rows_in(db, &q, "slug", &want.lessons).await? {
            let course: Option<Uuid> = get(&r, "course_id")?;
            known.lessons.insert(
                get(&r, "slug")?,
                course.and_then(|c| courses.get(&c).cloned()),
            );
        }
    }
    Ok((known, ids))
}
