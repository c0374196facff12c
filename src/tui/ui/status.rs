//! The status bar: focus, hints whose keys come from the live keymap, a message, and the
//! position in the open article (percent, block n of m).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::parts::put;
use crate::config::action::Action;
use crate::config::keymap::Context;
use crate::corpus::article::{Place, paragraph_number};
use crate::text::width;
use crate::tui::app::App;
use crate::tui::nav::Target;

/// The tag keys, hinted with the tags' names in visual mode.
const TAGS: [Action; 5] = [
    Action::Tag1,
    Action::Tag2,
    Action::Tag3,
    Action::Tag4,
    Action::Tag5,
];

/// The actions hinted in each context, with their short labels.
pub fn hints(context: Context) -> &'static [(Action, &'static str)] {
    match context {
        Context::Global | Context::List => &[
            (Action::Open, "open"),
            (Action::Filter, "filter"),
            (Action::FindEntity, "entities"),
            (Action::FocusNext, "pane"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
            (Action::Suggestions, "suggest"),
        ],
        Context::Reader => &[
            (Action::NextMention, "next mention"),
            (Action::Open, "follow"),
            (Action::Back, "back"),
            (Action::FindInArticle, "find"),
            (Action::FocusNext, "pane"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        Context::Sidebar => &[
            (Action::Down, "next"),
            (Action::Open, "open"),
            (Action::Back, "back"),
            (Action::FocusNext, "pane"),
            (Action::Help, "help"),
        ],
        Context::Filter => &[
            (Action::Accept, "keep"),
            (Action::Cancel, "clear"),
            (Action::Down, "move"),
        ],
        Context::Finder => &[
            (Action::Accept, "show"),
            (Action::Down, "move"),
            (Action::Cancel, "close"),
        ],
        Context::Find => &[(Action::Accept, "go"), (Action::Cancel, "clear")],
        Context::Visual => &[
            (Action::WordForward, "word"),
            (Action::WordBackward, "back"),
            (Action::SentenceForward, "sentence"),
            (Action::Highlight, "highlight"),
            (Action::Note, "note"),
            (Action::LinkAlias, "link"),
            (Action::Copy, "copy"),
            (Action::Cancel, "cancel"),
        ],
        Context::Note => &[
            (Action::SaveNote, "keep"),
            (Action::Cancel, "close"),
            (Action::ExternalEditor, "$EDITOR"),
            (Action::Newline, "new line"),
        ],
        Context::Annotations => &[
            (Action::Accept, "go"),
            (Action::Export, "export"),
            (Action::Copy, "copy"),
            (Action::Note, "note"),
            (Action::Cancel, "close"),
        ],
        Context::SavePath => &[(Action::Accept, "write"), (Action::Cancel, "back")],
        Context::Help => &[
            (Action::Cancel, "close"),
            (Action::Filter, "search"),
            (Action::PageDown, "page"),
        ],
        Context::HelpSearch => &[(Action::Accept, "keep"), (Action::Cancel, "clear")],
        Context::Timeline => &[
            (Action::Accept, "go"),
            (Action::ToggleScope, "entity/all"),
            (Action::Down, "move"),
            (Action::Cancel, "close"),
        ],
        Context::Suggestions => &[
            (Action::AcceptSuggestion, "add"),
            (Action::CycleKind, "kind"),
            (Action::MergeSuggestion, "merge"),
            (Action::IgnoreSuggestion, "ignore"),
            (Action::Down, "move"),
            (Action::Cancel, "close"),
        ],
        Context::Search => &[
            (Action::Accept, "go"),
            (Action::Down, "move"),
            (Action::Search, "edit query"),
            (Action::Cancel, "close"),
        ],
        Context::SearchPrompt => &[(Action::Accept, "search"), (Action::Cancel, "back")],
        Context::Compare => &[
            (Action::OtherSide, "other side"),
            (Action::Accept, "follow"),
            (Action::PageDown, "scroll"),
            (Action::Cancel, "close"),
        ],
    }
}

pub fn draw(app: &App, frame: &mut Frame, rect: Rect) {
    let theme = &app.theme();
    frame.buffer_mut().set_style(rect, theme.status);
    let context = app.context();
    let label = format!(" {} ", context.name().to_uppercase());
    let label_width = width(&label) + 1;
    let mut spans = vec![
        Span::styled(label, theme.status_key.patch(theme.selected_row)),
        Span::raw(" "),
    ];
    let mut position = position(app);
    // What the index's sync is doing stays in sight whatever the message.
    if let Some(activity) = app.shelf().activity() {
        let room = usize::from(rect.width) / 3;
        let activity = crate::text::truncate(activity, room);
        position = if position.is_empty() {
            activity
        } else {
            format!("{activity} · {position}")
        };
    }
    // What the label and the position leave, with a gap of two before the position.
    let room = usize::from(rect.width).saturating_sub(label_width + width(&position) + 3);
    match app.status() {
        Some(status) => {
            let style = if status.is_error() {
                theme.error
            } else {
                theme.status
            };
            spans.push(Span::styled(
                crate::text::truncate(status.text(), room),
                style,
            ));
        }
        None => {
            let mut used = 0;
            let picking = matches!(app.overlay(), crate::tui::overlay::Overlay::Pick(_));
            for &(action, label) in hints(context) {
                let Some(key) = app.keymap().first_key(context, action) else {
                    continue;
                };
                // The finder opened to pick the entity words are linked to: Enter links.
                let label = if picking && action == Action::Accept {
                    "link"
                } else {
                    label
                };
                let piece = width(&key) + 1 + width(label) + 2;
                if used + piece > room {
                    break;
                }
                used += piece;
                spans.push(Span::styled(key, theme.status_key));
                spans.push(Span::styled(format!(" {label}  "), theme.status));
            }
            if context == Context::Visual {
                // The tags, each on its key and in its colour.
                for (i, (name, style)) in theme.tags.iter().enumerate() {
                    let Some(action) = TAGS.get(i) else {
                        break;
                    };
                    let Some(key) = app.keymap().first_key(context, *action) else {
                        continue;
                    };
                    let piece = width(&key) + width(name) + 3;
                    if used + piece > room {
                        break;
                    }
                    used += piece;
                    spans.push(Span::styled(key, theme.status_key));
                    spans.push(Span::styled(format!(" {name}"), *style));
                    spans.push(Span::styled("  ", theme.status));
                }
            }
        }
    }
    put(frame, rect.x, rect.y, &Line::from(spans), rect.width);
    let x = rect.x + rect.width.saturating_sub(width(&position) as u16 + 1);
    put(
        frame,
        x,
        rect.y,
        &Line::from(Span::styled(position, theme.status)),
        rect.width,
    );
}

/// "37% · ¶ 5/28" for the open article: the paragraph number of the selection, else of the
/// first paragraph showing at the top of the page (the numbers the sidebar and `mentions`
/// cite).
pub fn position(app: &App) -> String {
    let Some(r) = app.reader().open() else {
        return String::new();
    };
    let layout = r.layout();
    let blocks = layout.block_lines.len();
    let page = app.reader().page(app.geometry());
    let total = layout.lines.len();
    let percent = if total <= page {
        100
    } else {
        (r.scroll() * 100 / (total - page)).min(100)
    };
    let selected = match r.target() {
        Some(Target::Mention(id)) => r.body().mention(id).map(|m| m.place),
        Some(Target::Footnote(block, _)) => Some(Place::Block(block)),
        None => None,
    };
    // Else the first block that still shows at the top of the page.
    let here = match selected {
        // A mention in the title or lead is cited by its part.
        Some(place @ (Place::Title | Place::Lead)) => format!("{} · {blocks} ¶", place.cited()),
        _ => {
            let block = selected
                .and_then(Place::block)
                .or_else(|| {
                    layout
                        .block_lines
                        .iter()
                        .position(|lines| lines.end > r.scroll())
                })
                .map_or(blocks, paragraph_number);
            format!("¶ {block}/{blocks}")
        }
    };
    let find = r.find();
    let found = match (find.current(), find.hits().len()) {
        _ if find.prompting() || find.query().trim().is_empty() => String::new(),
        (_, 0) => format!("/{}: no hits · ", crate::text::truncate(find.query(), 20)),
        (Some(c), n) => format!(
            "/{} {} of {n} · ",
            crate::text::truncate(find.query(), 20),
            c + 1
        ),
        (None, n) => format!("/{} {n} hits · ", crate::text::truncate(find.query(), 20)),
    };
    format!("{found}{percent}% · {here}")
}
