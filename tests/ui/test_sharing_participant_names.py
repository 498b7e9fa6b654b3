"""Other names of a participant (handles, e-mails, the name in another script) are edited in
the participants table and feed the customer version's redaction."""

from __future__ import annotations

from pm_desktop.domain.redaction import Redactor
from pm_desktop.ui.overview import ParticipantsModel
from pm_desktop.ui.overview.participants import COLUMNS, parse_people


def test_other_names_are_one_undoable_edit_and_leave_the_customer_version(
    qtmodeltester, controller
):
    model = ParticipantsModel(controller)
    qtmodeltester.check(model)
    column = [c[0] for c in COLUMNS].index("handles")
    index = model.index(0, column)
    person_id = model.person_id(0)
    assert model.setData(index, " @amara, amara.o@example-corp.com ,@amara ")
    assert controller.review.people[person_id].handles == ("@amara", "amara.o@example-corp.com")
    assert model.data(index) == "@amara, amara.o@example-corp.com"
    redactor = Redactor(controller.review, external=True)
    assert redactor.text("ask amara.o@example-corp.com") == "ask the incident lead"
    controller.undo_stack.undo()
    assert controller.review.people[person_id].handles == ()


def test_pasted_participants_carry_their_other_names():
    (person,) = parse_people("Mei Lin\tOn-call\tDevOps\tResized it\t@mei.lin, @mlin")
    assert person["handles"] == ("@mei.lin", "@mlin")
