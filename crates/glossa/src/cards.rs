//! `glossa import csv|anki FILE --cards-for EMAIL`: the file's entries
//! become one learner's own front/back cards (new, due now) instead of
//! catalog words. Repeated words were already merged into one entry with
//! all their meanings; the deck names go into each card's note.

use anyhow::{Context, Result, bail};
use glossa_core::pack::Pack;
use glossa_store::learning::add::{CardSource, CustomCard, add};
use glossa_store::repo::users;
use glossa_store::{DatabaseConnection, TransactionTrait};

/// German definite articles by pack gender letter.
fn article(language: &str, gender: Option<&str>) -> Option<&'static str> {
    match (language, gender) {
        ("de", Some("m")) => Some("der"),
        ("de", Some("f")) => Some("die"),
        ("de", Some("n")) => Some("das"),
        _ => None,
    }
}

/// The cards a pack's words make: the word (with its article) on the
/// front, the translations of all its meanings on the back.
pub fn cards_of(pack: &Pack) -> Vec<CustomCard> {
    let language = pack.manifest.language.as_str();
    pack.words
        .iter()
        .filter_map(|w| {
            let front = match article(language, w.gender.as_deref()) {
                Some(a) => format!("{a} {}", w.lemma),
                None => w.lemma.clone(),
            };
            let mut back: Vec<String> = Vec::new();
            for m in w.all_meanings() {
                for t in m.translations.into_values() {
                    if !back.contains(&t) {
                        back.push(t);
                    }
                }
            }
            (!back.is_empty()).then(|| CustomCard {
                language: language.to_owned(),
                front,
                back: back.join("; "),
            })
        })
        .collect()
}

async fn store(
    db: &DatabaseConnection,
    email: &str,
    cards: Vec<CustomCard>,
    note: Option<String>,
) -> Result<u64> {
    let user = users::find_by_email(db, &email.trim().to_lowercase())
        .await?
        .with_context(|| format!("no user with the email {email}"))?;
    let tx = db.begin().await?;
    let now = chrono::Utc::now();
    let added = add(&tx, user.id, &CardSource::Custom(cards), None, now).await?;
    if let Some(note) = note {
        glossa_store::learning::cards::note_new_custom_cards(&tx, user.id, &note, now).await?;
    }
    tx.commit().await?;
    Ok(added.added)
}

/// Adds the pack's words as custom cards of the learner with `email`.
pub async fn import_as_cards(
    pack: &Pack,
    decks: &[String],
    email: &str,
    cfg: &glossa_server::ServerConfig,
) -> Result<()> {
    let cards = cards_of(pack);
    if cards.is_empty() {
        bail!("nothing to make cards of: no entry has a translation");
    }
    let db = glossa_server::open_database(cfg).await?;
    let note = (!decks.is_empty()).then(|| format!("deck: {}", decks.join(", ")));
    let n = store(&db, email, cards, note)
        .await
        .context("adding cards (nothing was stored)")?;
    println!("  added {n} custom card(s) for {email}");
    Ok(())
}
