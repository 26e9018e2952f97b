from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.store import open_workshop, table_counts


def test_a_cast_ballot_is_in_the_file_after_reopening(store, workshop_path):
    with store.transaction() as s:
        alice = ops.participant_named(s, "Alice", role=e.Role.MANAGER)
        items = [ops.opportunity_titled(s, t) for t in ("A", "B")]
        round_id = ballots.start_round(s, name="Round 1")
        ballots.cast_ranking(
            s, round_id=round_id, participant_id=alice.id, ranks={items[0].id: 2, items[1].id: 1}
        )
    store.close()
    with open_workshop(workshop_path) as again:
        assert table_counts(again)["ballot_entry"] == 2
