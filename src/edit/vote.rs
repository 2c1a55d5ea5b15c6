//! Edits to the dot votes: starting and removing sessions, counting a participant's dots,
//! entering a sticker vote's counts, revealing the results.
//!
//! These are not part of the undo history: a vote is what the room did, and Ctrl+Z on
//! something else must never take dots back. Only closing and reopening a session
//! ([`crate::edit::Command::CloseSession`]) is undoable. Like every command, a refused edit
//! says why and changes nothing.

use super::error::EditError;
use crate::model::{Journey, MAX_DOTS, MAX_PARTICIPANTS, Session, is_valid_date};

/// One change to the journey's voting sessions.
#[derive(Clone, Debug, PartialEq)]
pub enum VoteEdit {
    /// Starts a session (its name must be new; it must have something to vote on).
    Start(Session),
    /// Removes a session and its counts.
    Remove(String),
    /// Counts one participant's dots: `dots[i]` on the session's item `i`.
    Ballot {
        /// The session.
        session: String,
        /// Dots per item, as many as the session has items.
        dots: Vec<u32>,
    },
    /// Sets every item's count at once (a sticker vote on a printout, counted by hand):
    /// everyone has voted.
    Counts {
        /// The session.
        session: String,
        /// Dots per item, as many as the session has items.
        votes: Vec<u32>,
    },
    /// Shows (or hides again) the results.
    Reveal(String, bool),
}

impl VoteEdit {
    /// Applies the edit, or refuses it leaving the journey unchanged.
    pub fn apply(self, j: &mut Journey) -> Result<(), EditError> {
        match self {
            Self::Start(session) => start(j, session),
            Self::Remove(name) => {
                let i = index(j, &name)?;
                j.votes.remove(i);
                Ok(())
            }
            Self::Ballot { session, dots } => {
                let s = open(j, &session)?;
                fits(s, &dots)?;
                if s.everyone_voted() {
                    return Err(EditError::EveryoneVoted(session));
                }
                let placed: u64 = dots.iter().map(|&d| u64::from(d)).sum();
                if placed > u64::from(s.dots) {
                    return Err(EditError::TooManyDots {
                        placed,
                        budget: u64::from(s.dots),
                    });
                }
                let s = open_mut(j, &session)?;
                for (item, d) in s.items.iter_mut().zip(dots) {
                    item.votes += d;
                }
                s.voted += 1;
                Ok(())
            }
            Self::Counts { session, votes } => {
                let s = open(j, &session)?;
                fits(s, &votes)?;
                let placed: u64 = votes.iter().map(|&d| u64::from(d)).sum();
                if placed > s.budget() {
                    return Err(EditError::TooManyDots {
                        placed,
                        budget: s.budget(),
                    });
                }
                let s = open_mut(j, &session)?;
                for (item, v) in s.items.iter_mut().zip(votes) {
                    item.votes = v;
                }
                s.voted = s.participants;
                Ok(())
            }
            Self::Reveal(session, revealed) => {
                open_mut(j, &session)?.revealed = revealed;
                Ok(())
            }
        }
    }
}

fn start(j: &mut Journey, session: Session) -> Result<(), EditError> {
    let name = session.name.trim();
    if name.is_empty() {
        return Err(EditError::UnnamedSession);
    }
    if name.chars().any(char::is_control) {
        return Err(EditError::SessionNameControl);
    }
    if j.session(name).is_some() {
        return Err(EditError::SessionExists(name.to_owned()));
    }
    if !is_valid_date(&session.date) {
        return Err(EditError::BadDate(session.date));
    }
    if !(1..=MAX_PARTICIPANTS).contains(&session.participants)
        || !(1..=MAX_DOTS).contains(&session.dots)
    {
        return Err(EditError::BadVoteSize {
            participants: session.participants,
            dots: session.dots,
        });
    }
    if session.items.is_empty() {
        return Err(EditError::NothingToVoteOn);
    }
    let session = Session {
        name: name.to_owned(),
        ..session
    };
    j.votes.push(session);
    if let Some(problem) = j.first_limit_problem() {
        j.votes.pop();
        return Err(EditError::Limit(problem));
    }
    Ok(())
}

fn index(j: &Journey, name: &str) -> Result<usize, EditError> {
    j.votes
        .iter()
        .position(|s| s.name == name)
        .ok_or_else(|| EditError::UnknownSession(name.to_owned()))
}

/// The session, if it still takes votes.
fn open<'j>(j: &'j Journey, name: &str) -> Result<&'j Session, EditError> {
    let s = &j.votes[index(j, name)?];
    if s.closed {
        return Err(EditError::SessionClosed(name.to_owned()));
    }
    Ok(s)
}

fn open_mut<'j>(j: &'j mut Journey, name: &str) -> Result<&'j mut Session, EditError> {
    open(j, name)?;
    let i = index(j, name)?;
    Ok(&mut j.votes[i])
}

/// Counts must be one per item.
fn fits(s: &Session, counts: &[u32]) -> Result<(), EditError> {
    if counts.len() == s.items.len() {
        Ok(())
    } else {
        Err(EditError::BadIndex {
            index: counts.len(),
            len: s.items.len(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Command;
    use crate::model::{Initiative, Subject};

    fn journey() -> Journey {
        let mut j = Journey::blank("t");
        for text in ["A", "B"] {
            j.steps[0].initiatives.push(Initiative {
                text: text.into(),
                ..Initiative::default()
            });
        }
        j
    }

    fn session(j: &Journey) -> Session {
        Session {
            name: "投票".into(),
            date: "2026-11-26".into(),
            subject: Subject::Ideas,
            participants: 2,
            dots: 3,
            items: j.vote_items(Subject::Ideas),
            ..Session::default()
        }
    }

    fn ballot(dots: &[u32]) -> VoteEdit {
        VoteEdit::Ballot {
            session: "投票".into(),
            dots: dots.to_vec(),
        }
    }

    #[test]
    fn each_participant_places_at_most_their_dots_and_no_one_votes_twice() {
        let mut j = journey();
        VoteEdit::Start(session(&j)).apply(&mut j).expect("start");
        let before = j.clone();
        assert_eq!(
            ballot(&[3, 1]).apply(&mut j),
            Err(EditError::TooManyDots {
                placed: 4,
                budget: 3
            })
        );
        assert_eq!(j, before, "a refused ballot changes nothing");
        ballot(&[2, 1]).apply(&mut j).expect("first");
        ballot(&[0, 3]).apply(&mut j).expect("second");
        let s = j.session("投票").expect("session");
        assert_eq!((s.items[0].votes, s.items[1].votes, s.voted), (2, 4, 2));
        assert_eq!(
            ballot(&[1, 0]).apply(&mut j),
            Err(EditError::EveryoneVoted("投票".into()))
        );
    }

    #[test]
    fn counts_from_a_sticker_vote_stay_within_the_rooms_dots() {
        let mut j = journey();
        VoteEdit::Start(session(&j)).apply(&mut j).expect("start");
        let counts = |votes: &[u32]| VoteEdit::Counts {
            session: "投票".into(),
            votes: votes.to_vec(),
        };
        assert!(counts(&[5, 2]).apply(&mut j).is_err(), "7 > 2 × 3");
        counts(&[4, 2]).apply(&mut j).expect("6 dots");
        assert!(j.session("投票").expect("s").everyone_voted());
        assert!(j.validate().is_empty());
    }

    #[test]
    fn a_closed_session_takes_no_votes_and_closing_is_undone_by_its_inverse() {
        let mut j = journey();
        VoteEdit::Start(session(&j)).apply(&mut j).expect("start");
        let inverse = Command::CloseSession("投票".into(), true)
            .apply(&mut j)
            .expect("close");
        assert_eq!(
            ballot(&[1, 0]).apply(&mut j),
            Err(EditError::SessionClosed("投票".into()))
        );
        inverse.apply(&mut j).expect("reopen");
        ballot(&[1, 0]).apply(&mut j).expect("open again");
    }

    #[test]
    fn a_session_needs_a_new_name_a_size_and_something_to_vote_on() {
        let mut j = journey();
        VoteEdit::Start(session(&j)).apply(&mut j).expect("start");
        let again = VoteEdit::Start(session(&j)).apply(&mut j);
        assert_eq!(again, Err(EditError::SessionExists("投票".into())));
        let empty = Session {
            name: "痛み".into(),
            subject: Subject::PainPoints,
            items: j.vote_items(Subject::PainPoints),
            ..session(&j)
        };
        assert_eq!(
            VoteEdit::Start(empty).apply(&mut j),
            Err(EditError::NothingToVoteOn)
        );
        let none = Session {
            name: "0".into(),
            dots: 0,
            ..session(&j)
        };
        assert!(matches!(
            VoteEdit::Start(none).apply(&mut j),
            Err(EditError::BadVoteSize { .. })
        ));
    }
}
