//! Department commands: add, remove, rename, recolour and reorder the brand's departments.

use super::command::{Command, claim_id, id_in_use};
use super::error::EditError;
use crate::model::{DepartmentId, Journey, Named};

/// Applies a department command (the caller matched one) and returns its inverse.
pub(super) fn apply(command: Command, j: &mut Journey) -> Result<Command, EditError> {
    let index = |j: &Journey, id| {
        j.department_index(id)
            .ok_or(EditError::UnknownDepartment(id))
    };
    match command {
        Command::AddDepartment(at, department) => {
            if at > j.departments.len() {
                return Err(EditError::BadIndex {
                    index: at,
                    len: j.departments.len(),
                });
            }
            if id_in_use(j, department.id.0) {
                return Err(EditError::IdInUse(department.id.0));
            }
            let id = department.id;
            let restore = claim_id(j, id.0);
            j.departments.insert(at, department);
            Ok(restore(Command::RemoveDepartment(id)))
        }
        Command::RemoveDepartment(id) => {
            let i = index(j, id)?;
            let users = j
                .steps
                .iter()
                .filter(|s| s.initiatives.iter().any(|x| x.department == Some(id)))
                .count();
            if users > 0 {
                let d = &j.departments[i];
                return Err(EditError::DepartmentInUse {
                    department: Named {
                        id,
                        name: d.name.clone(),
                    },
                    steps: users,
                });
            }
            Ok(Command::AddDepartment(i, j.departments.remove(i)))
        }
        Command::RenameDepartment(id, name) => {
            let i = index(j, id)?;
            let old = std::mem::replace(&mut j.departments[i].name, name);
            Ok(Command::RenameDepartment(id, old))
        }
        Command::RecolourDepartment(id, colour) => {
            let i = index(j, id)?;
            let old = std::mem::replace(&mut j.departments[i].colour, colour);
            Ok(Command::RecolourDepartment(id, old))
        }
        Command::MoveDepartment(id, to) => {
            let i = index(j, id)?;
            if to >= j.departments.len() {
                return Err(EditError::BadIndex {
                    index: to,
                    len: j.departments.len(),
                });
            }
            let d = j.departments.remove(i);
            j.departments.insert(to, d);
            Ok(Command::MoveDepartment(id, i))
        }
        other => unreachable!("not a department command: {other:?}"),
    }
}

/// Removes a department as one undo step: its initiatives lose their department (they are
/// kept: the team's work stays), then the department goes.
#[must_use]
pub fn remove_department(j: &Journey, id: DepartmentId) -> Command {
    let mut commands: Vec<Command> = j
        .steps
        .iter()
        .filter(|s| s.initiatives.iter().any(|x| x.department == Some(id)))
        .map(|s| {
            let mut list = s.initiatives.clone();
            for x in &mut list {
                if x.department == Some(id) {
                    x.department = None;
                }
            }
            Command::EditStep(s.id, super::StepField::Initiatives(list))
        })
        .collect();
    commands.push(Command::RemoveDepartment(id));
    Command::Batch(commands)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Department, Initiative, Rgb};

    fn journey() -> (Journey, DepartmentId) {
        let mut j = crate::bundled::TEINEI.load().expect("example");
        let id = j.departments[0].id;
        // Make sure at least one initiative belongs to it.
        assert!(
            j.steps
                .iter()
                .any(|s| s.initiatives.iter().any(|x| x.department == Some(id)))
        );
        j.steps[1].initiatives.push(Initiative::default());
        (j, id)
    }

    #[test]
    fn a_department_in_use_is_refused_alone_and_removed_with_its_initiatives_unassigned() {
        let (mut j, id) = journey();
        let before = j.clone();
        assert!(matches!(
            Command::RemoveDepartment(id).apply(&mut j),
            Err(EditError::DepartmentInUse { .. })
        ));
        assert_eq!(j, before, "a refused edit changes nothing");
        let inverse = remove_department(&j, id).apply(&mut j).expect("removed");
        assert!(j.department(id).is_none());
        let count = |j: &Journey| j.steps.iter().map(|s| s.initiatives.len()).sum::<usize>();
        assert_eq!(count(&j), count(&before), "initiatives kept");
        assert!(j.validate().is_empty(), "{:?}", j.validate());
        inverse.apply(&mut j).expect("undo");
        assert_eq!(j, before, "one undo step restores everything");
    }

    #[test]
    fn add_rename_recolour_move_and_their_inverses() {
        let (mut j, _) = journey();
        let before = j.clone();
        let id = DepartmentId(j.next_id);
        let added = Department {
            id,
            name: "商品開発部".into(),
            colour: Rgb::new(1, 2, 3),
        };
        let mut undo = vec![Command::AddDepartment(0, added).apply(&mut j).expect("add")];
        undo.push(
            Command::RenameDepartment(id, "開発部".into())
                .apply(&mut j)
                .expect("rename"),
        );
        undo.push(
            Command::RecolourDepartment(id, Rgb::new(9, 9, 9))
                .apply(&mut j)
                .expect("recolour"),
        );
        let last = j.departments.len() - 1;
        undo.push(
            Command::MoveDepartment(id, last)
                .apply(&mut j)
                .expect("move"),
        );
        assert_eq!(j.department_index(id), Some(last));
        assert_eq!(j.departments[last].name, "開発部");
        assert!(j.validate().is_empty());
        for u in undo.into_iter().rev() {
            u.apply(&mut j).expect("undo");
        }
        assert_eq!(j, before);
    }
}
