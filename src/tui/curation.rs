//! Curating links from the reader: the selected mention unlinked in place (an override
//! written to the catalogue, then everything linked again, so marks, sidebar and passages
//! follow), and the other entities a mention names shown in the sidebar in turn
//! ("Ukraine-Krieg": the war, then Ukraine). No I/O here: the job goes to the event loop.

use super::effect::Status;
use super::panes::reader::ReaderPane;
use crate::corpus::article::Place;
use crate::corpus::ids::EntityId;
use crate::corpus::linker::Mention;
use crate::corpus::overrides::Part;
use crate::corpus::quote::Selector;
use crate::shelf::Shelf;
use crate::tui::nav::Target;

/// A change of the catalogue the event loop carries out: one mention's override.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueJob {
    pub article: String,
    /// The title, the lead or the body.
    pub part: Part,
    /// The words, with the text around them in their paragraph.
    pub quote: Selector,
    /// The entity id the words name; `None` unlinks them.
    pub entity: Option<String>,
}

/// The mention selected in the open article, with the text of its paragraph (or title or lead).
fn selected(shelf: &Shelf, reader: &ReaderPane) -> Result<(Mention, String, String), Status> {
    let open = reader
        .open()
        .ok_or_else(|| Status::info("open an article and select a mention first (] and [)"))?;
    let m = match open.target() {
        Some(Target::Mention(id)) => shelf
            .mention(id)
            .ok_or_else(|| Status::error("the mention is no longer there"))?,
        _ => return Err(Status::info("select a mention first (] and [)")),
    };
    let body = shelf
        .article(m.article)
        .ok_or_else(|| Status::error("the article is no longer loaded"))?;
    let text = body
        .article
        .text_at(m.place)
        .map(str::to_string)
        .ok_or_else(|| Status::error("the mention's paragraph is no longer there"))?;
    Ok((m, body.article.id.to_string(), text))
}

/// The job that unlinks the selected mention.
pub fn unlink(shelf: &Shelf, reader: &ReaderPane) -> Result<CatalogueJob, Status> {
    let (m, article, text) = selected(shelf, reader)?;
    Ok(CatalogueJob {
        article,
        part: match m.place {
            Place::Title => Part::Title,
            Place::Lead => Part::Lead,
            Place::Block(_) => Part::Body,
        },
        quote: Selector::capture(&text, m.range.clone()),
        entity: None,
    })
}

/// The entity after `shown` among those the selected mention names (the first when `shown`
/// is none of them), and a status line that names them all.
pub fn other_entity(
    shelf: &Shelf,
    reader: &ReaderPane,
    shown: Option<EntityId>,
) -> Result<(EntityId, Status), Status> {
    let (m, _, text) = selected(shelf, reader)?;
    let surface = text.get(m.range.clone()).unwrap_or("");
    let named: Vec<EntityId> = m.entities().collect();
    let at = shown
        .and_then(|s| named.iter().position(|&e| e == s))
        .map_or(0, |i| (i + 1) % named.len());
    let next = named[at];
    let names: Vec<&str> = named
        .iter()
        .filter_map(|&e| shelf.entity(e))
        .map(|e| e.name.as_str())
        .collect();
    let status = if named.len() == 1 {
        Status::info(format!("`{}` names only {}", surface, names.join("")))
    } else {
        Status::info(format!(
            "`{}` names {} ({} of {}); enter follows {}",
            surface,
            names.join(" and "),
            at + 1,
            named.len(),
            names.first().copied().unwrap_or("")
        ))
    };
    Ok((next, status))
}
