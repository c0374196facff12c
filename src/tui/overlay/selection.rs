//! Moving the selection of a popup's list (finder, annotations, timeline): one step, a page,
//! the ends; the same keys behave the same in every list.

use crate::config::action::Action;

/// Rows a page key moves in a popup's list.
const PAGE: usize = 10;

/// Where a popup list's selection goes on `action`, among `len` rows (one step, a page, the
/// ends); other actions leave it.
pub fn step_selection(selected: usize, len: usize, action: Action) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::Down => (selected + 1).min(last),
        Action::Up => selected.saturating_sub(1),
        Action::PageDown => (selected + PAGE).min(last),
        Action::PageUp => selected.saturating_sub(PAGE),
        Action::Top => 0,
        Action::Bottom => last,
        _ => selected,
    }
}

#[cfg(test)]
mod tests {
    use super::step_selection;
    use crate::config::action::Action;

    #[test]
    fn a_popup_selection_steps_pages_and_stops_at_both_ends() {
        assert_eq!(step_selection(0, 25, Action::Down), 1);
        assert_eq!(step_selection(0, 25, Action::Up), 0);
        assert_eq!(step_selection(3, 25, Action::PageDown), 13);
        assert_eq!(step_selection(20, 25, Action::PageDown), 24);
        assert_eq!(step_selection(13, 25, Action::PageUp), 3);
        assert_eq!(step_selection(7, 25, Action::Bottom), 24);
        assert_eq!(step_selection(7, 25, Action::Top), 0);
        assert_eq!(step_selection(0, 0, Action::Down), 0);
        assert_eq!(step_selection(5, 25, Action::Quit), 5);
    }
}
