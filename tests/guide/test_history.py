from guide.history import HOME, History, Place


def test_back_and_forward_walk_the_visits() -> None:
    history: History[Place] = History()
    a, b = Place("article", "a"), Place("article", "b")
    for place in (HOME, a, b):
        history.visit(place)
    assert history.back() == a
    assert history.back() == HOME
    assert history.back() is None
    assert history.forward() == a


def test_a_new_visit_drops_the_places_ahead() -> None:
    history: History[Place] = History()
    for place in (HOME, Place("section", "s"), Place("article", "a")):
        history.visit(place)
    history.back()
    history.visit(Place("article", "b"))
    assert not history.can_go_forward
    assert history.back() == Place("section", "s")


def test_visiting_the_current_place_twice_keeps_one_entry() -> None:
    history: History[Place] = History()
    history.visit(HOME)
    history.visit(HOME)
    assert not history.can_go_back
