//! Every action a key can be bound to: a closed set with a name and a one-line description.
//!
//! The names are the serde (snake_case) names used in `keys.toml`; `none` unbinds a key. The
//! descriptions feed the help screen, and nothing else describes an action.

use serde::{Deserialize, Serialize};

macro_rules! actions {
    ($($variant:ident = $name:literal : $doc:literal,)*) => {
        /// What a key does.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            /// Every action, in help order.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The name used in keymap files.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }

            /// One line for the help screen.
            pub fn description(self) -> &'static str {
                match self {
                    $(Action::$variant => $doc,)*
                }
            }
        }
    };
}

actions! {
    Quit = "quit": "Quit dossier",
    Help = "help": "Show or hide this help",
    Filter = "filter": "Filter the article list (fuzzy; @name keeps articles naming an entity)",
    FindEntity = "find_entity": "Find an entity of the catalogue and show it in the sidebar",
    FindInArticle = "find_in_article": "Find text in the open article",
    FindBackward = "find_backward": "Find text in the open article, upwards",
    FocusNext = "focus_next": "Focus the next pane",
    FocusPrev = "focus_prev": "Focus the previous pane",
    FocusList = "focus_list": "Focus the article list",
    FocusReader = "focus_reader": "Focus the reading pane",
    FocusSidebar = "focus_sidebar": "Focus the fact sidebar",
    Back = "back": "Go back to where the last jump started",
    Forward = "forward": "Go forward again after going back",
    ToggleSidebar = "toggle_sidebar": "Show or hide the sidebar (if narrow: instead of the text)",
    Zoom = "zoom": "Zoom the focused pane to full width, or back",
    ToggleMouse = "toggle_mouse": "Turn mouse capture off (select text natively) or on",
    Suspend = "suspend": "Suspend to the shell (resume with fg)",
    Redraw = "redraw": "Redraw the screen",
    Reload = "reload": "Reload the articles and the catalogue from disk",
    Down = "down": "Move down one line or item",
    Up = "up": "Move up one line or item",
    PageDown = "page_down": "Move down one page",
    PageUp = "page_up": "Move up one page",
    HalfPageDown = "half_page_down": "Move down half a page",
    HalfPageUp = "half_page_up": "Move up half a page",
    Top = "top": "Go to the top",
    Bottom = "bottom": "Go to the bottom",
    Open = "open": "Open the article, follow the mention, footnote or passage",
    NextMention = "next_mention": "Select the next entity mention",
    PrevMention = "prev_mention": "Select the previous entity mention",
    NextSameEntity = "next_same_entity": "Next mention of the same entity, on in other articles",
    PrevSameEntity = "prev_same_entity": "Previous mention of the same entity",
    NextFootnote = "next_footnote": "Select the next footnote marker",
    PrevFootnote = "prev_footnote": "Select the previous footnote marker",
    NextHit = "next_hit": "Go to the next hit of the in-article search",
    PrevHit = "prev_hit": "Go to the previous hit of the in-article search",
    ToggleNumbers = "toggle_numbers": "Show or hide paragraph numbers in the margin",
    Center = "center": "Scroll so the selection is in the middle of the page",
    Cancel = "cancel": "Close the prompt or popup; clear the filter",
    Accept = "accept": "Accept the prompt",
    DeleteChar = "delete_char": "Delete the character before the cursor",
    DeleteWord = "delete_word": "Delete the word before the cursor",
    ClearInput = "clear_input": "Clear the prompt",
    Highlight = "highlight": "Highlight the sentence under the cursor",
    Annotations = "annotations": "List every highlight, note and bookmark",
    Bookmark = "bookmark": "Bookmark the sentence under the cursor",
    Timeline = "timeline": "Dated statements about the selected entity (every entity if none)",
    ToggleScope = "toggle_scope": "In the timeline: the entity's statements or every entity's",
    Search = "search": "Search every article's text; Enter opens the passage",
    Compare = "compare": "Put the selected passage beside the open article's passage",
    OtherSide = "other_side": "In the compare view: give the keys to the other passage",
    UnlinkMention = "unlink_mention": "Unlink the selected mention (kept in the catalogue as an override)",
    OtherEntity = "other_entity": "Show the next entity the selected mention names (Ukraine-Krieg: the war, Ukraine)",
    LinkHere = "link_here": "Link the selected mention or words to an entity you pick, only here (an override)",
    LinkAlias = "link_alias": "Link the selected words to an entity you pick, everywhere (a new alias)",
    NewEntity = "new_entity": "Add the selected words to the catalogue as a new entity (a card to confirm)",
    Suggestions = "suggestions": "Names in the articles the catalogue lacks: add, merge or ignore each",
    AcceptSuggestion = "accept_suggestion": "Add the proposed name to the catalogue as a new entity of the kind shown",
    MergeSuggestion = "merge_suggestion": "Add the proposed name and its forms as aliases of an entity you pick",
    IgnoreSuggestion = "ignore_suggestion": "Ignore the proposed name and its forms: never a mention, never proposed",
    CycleKind = "cycle_kind": "Change the kind the proposed name is added as (person, country, …)",
    Visual = "visual": "Select words: start on the word under the cursor (visual mode)",
    VisualSentence = "visual_sentence": "Select sentences: start on the sentence under the cursor",
    WordForward = "word_forward": "Move the selection's end or the cursor one word on",
    WordBackward = "word_backward": "Move the selection's end or the cursor one word back",
    SentenceForward = "sentence_forward": "Move the selection's end one sentence on",
    SentenceBackward = "sentence_backward": "Move the selection's end one sentence back",
    LineStart = "line_start": "To the start of the line (of the paragraph in visual mode)",
    LineEnd = "line_end": "To the end of the line (of the paragraph in visual mode)",
    Left = "left": "Move the cursor one character left",
    Right = "right": "Move the cursor one character right",
    Tag1 = "tag1": "Highlight the selection with the first tag of [tags]",
    Tag2 = "tag2": "Highlight the selection with the second tag",
    Tag3 = "tag3": "Highlight the selection with the third tag",
    Tag4 = "tag4": "Highlight the selection with the fourth tag",
    Tag5 = "tag5": "Highlight the selection with the fifth tag",
    Note = "note": "Write a note on the selection, highlight or sentence (a popup)",
    ExternalEditor = "external_editor": "Write the note in $VISUAL or $EDITOR (vi if neither)",
    SaveNote = "save_note": "Keep the note and close the editor",
    Newline = "newline": "Start a new line in the note",
    DeleteForward = "delete_forward": "Delete the character under the cursor",
    Copy = "copy": "Copy the quote with its citation to the clipboard (OSC 52)",
    Export = "export": "Export the annotations shown to a Markdown or JSON file",
    None = "none": "Unbind the key (in keys.toml)",
}

impl Action {
    /// The action with this keymap name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// The tag action's position (0-based), for `tag1`..`tag5`.
    pub fn tag_index(self) -> Option<usize> {
        [
            Action::Tag1,
            Action::Tag2,
            Action::Tag3,
            Action::Tag4,
            Action::Tag5,
        ]
        .iter()
        .position(|&a| a == self)
    }

    /// Every real action (all but `none`).
    pub fn bindable() -> impl Iterator<Item = Action> {
        Action::ALL.iter().copied().filter(|a| *a != Action::None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_serde_names() {
        for &action in Action::ALL {
            let json = serde_json::to_string(&action).unwrap();
            assert_eq!(json, format!("\"{}\"", action.name()));
            let back: Action = serde_json::from_str(&json).unwrap();
            assert_eq!(back, action);
        }
    }

    #[test]
    fn every_action_has_a_description() {
        for &action in Action::ALL {
            assert!(!action.description().is_empty(), "{action:?}");
        }
        assert_eq!(Action::from_name("next_mention"), Some(Action::NextMention));
        assert_eq!(Action::from_name("qiut"), None);
    }
}
