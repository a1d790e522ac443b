"""The stream's line reader: lines, their text and their equality, read a chunk at a time."""

from __future__ import annotations

from dockercli import runner

SH = "/bin/sh"


def test_lines_split_across_reads_and_bad_utf8_decode_as_per_line() -> None:
    """A line cut between reads arrives whole; invalid UTF-8 becomes U+FFFD in that line only."""
    script = (
        r"printf 'a\342\202\nb\r\n'; sleep 0.1; printf 'c'; sleep 0.1; printf 'd\n\n\342\202\254'"
    )
    with runner.stream([SH, "-c", script], keep=True) as stream:
        texts = [line.text for line in stream]
    assert texts == ["a\ufffd", "b", "cd", "", "\u20ac"]
    assert stream.stdout == "a\ufffd\nb\r\ncd\n\n\u20ac\n"


def test_next_and_for_share_one_queue() -> None:
    """next() and a for loop over the same stream see each line once, in order."""
    with runner.stream([SH, "-c", "for i in 1 2 3 4 5; do echo $i; done"]) as stream:
        first = next(stream)
        rest = [line.text for line in stream]
    assert first == runner.Line("stdout", "1")
    assert rest == ["2", "3", "4", "5"]


def test_texts_next_and_for_share_one_queue() -> None:
    """texts(), next() and a for loop take each line once, in order, whichever asks."""
    script = "for i in 1 2 3; do echo $i; done; sleep 0.1; for i in 4 5 6 7; do echo $i; done"
    with runner.stream([SH, "-c", script]) as stream:
        texts = stream.texts()
        taken = [next(texts), next(stream).text, next(texts)]
        for line in stream:
            taken.append(line.text)
            if line.text == "5":
                break
        taken += list(texts)
    assert taken == ["1", "2", "3", "4", "5", "6", "7"]
    assert [line.text for line in stream.tail] == ["1", "2", "3", "4", "5", "6", "7"]


def test_lines_are_ordinary_line_values() -> None:
    """A streamed line equals, hashes and prints like a Line built by hand."""
    with runner.stream([SH, "-c", "echo hi"]) as stream:
        (line,) = list(stream)
    made = runner.Line("stdout", "hi")
    assert line == made
    assert hash(line) == hash(made)
    assert repr(line) == "Line(source='stdout', text='hi')"
