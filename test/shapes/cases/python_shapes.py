# Type tests of the shapes (test/shapes/model.ts) in the generated Python tracker: pyright
# --strict and mypy --strict must report an error on exactly the lines marked
# `# expect-error: <word>` (or `<word>|<other>`), each message naming one; every other line type-checks.
from shapes_tracker import FunctionSink, Tracker
from shapes_tracker.types import JsonValue, ShapesOneOfTargetFile, ShapesOneOfTargetURLXN
from typing import List, Union

sent: List[object] = []
t = Tracker(FunctionSink(sent.append), drain_at_exit=False)
hostile = "u\"r'l`${x}\u2028\\n\\"

# json: any JSON value, nested.
t.shapes.json_value(payload={"a": [1, "two", None, {"b": True}]}, note=None)
t.shapes.json_value(payload=3.5)
t.shapes.json_value(payload={1, 2})  # expect-error: payload
t.shapes.json_value(payload=object())  # expect-error: payload

# oneOf with a discriminator: TypedDicts told apart by their Literal member.
t.shapes.one_of(target={"kind": "file", "path": "/a"})
t.shapes.one_of(target={"kind": "u\"r'l`${x}\u2028\\n\\", "href": "https://x", "depth": 2})


def where(x: Union[ShapesOneOfTargetFile, ShapesOneOfTargetURLXN]) -> str:
    return x["path"] if x["kind"] == "file" else x["href"]


t.shapes.one_of(target={"kind": "folder", "path": "/a"})  # expect-error: target|kind
t.shapes.one_of(target={"kind": "file", "href": "/a"})  # expect-error: target|kind

# anyOf of a string and an integer; a oneOf of enums holding hostile text.
t.shapes.any_of(id="abc")
t.shapes.any_of(id=42, level="low")
t.shapes.any_of(id=1, level=2)
t.shapes.any_of(id=1.5)  # expect-error: id
t.shapes.any_of(id=1, level=3)  # expect-error: level
t.shapes.any_of(id=1, code="a")
t.shapes.any_of(id=1, code=7)
t.shapes.any_of(id=1, code="b")  # expect-error: code

# several types (string, integer, boolean, null).
t.shapes.several_types(value="x")
t.shapes.several_types(value=1)
t.shapes.several_types(value=False)
t.shapes.several_types(value=None)
t.shapes.several_types(value=["x"])  # expect-error: value

# open maps: the values' type.
t.shapes.open_map(counts={"a": 1, "b": 2}, meta={"name": "n", "anything": "else"})
t.shapes.open_map(counts={"a": "one"})  # expect-error: counts|Dict

# patternProperties: the values' type (the keys' pattern is checked at run time).
t.shapes.pattern_keys(headers={"x-trace": "abc"}, codes={"a12": 1}, odd={"q": True})
t.shapes.pattern_keys(headers={"x-trace": 1})  # expect-error: headers|Dict

# min/maxProperties: the values' type (the count at run time).
t.shapes.sized(tags={"a": "x"})
t.shapes.sized(tags={"a": 1})  # expect-error: tags|Dict

# requires / required_when: each argument's type (the dependency at run time).
t.shapes.requires(card_number="4111", card_expiry="12/30")
t.shapes.required_when(status="failed", reason="timeout")
t.shapes.requires(card_number=4111)  # expect-error: card_number
t.shapes.required_when(status="broken")  # expect-error: status

# an array of anything JSON.
t.shapes.json_array(items=[1, "a", None, [True], {"k": []}])
t.shapes.json_array(items=[{1, 2}])  # expect-error: items|List

# int64 bounds and beyond: Python ints are exact.
t.shapes.big_int(id=9223372036854775807, total=18446744073709551615)
t.shapes.big_int(id="9223372036854775807")  # expect-error: id

# an open event payload: other keyword arguments take the event's `values` type.
t.shapes.open_event(n=1, anything="x")
t.shapes.open_event(anything=True)  # expect-error: anything

# tuples: a closed one is a Tuple; an open one a Sequence of its element types (each element's type by position, and the count, at run time).
t.shapes.tuple(point=(1.5, 2), pair=["a", 1, True, False], head=("h", {"any": [1]}, None))
t.shapes.tuple(point=(0, 0), pair=(), head=["h"])
t.shapes.tuple(point=(0, 0), mixed=({"x": "x"}, 3, {"k": None}))
t.shapes.tuple(point=(0, 0), mixed=({"x": 1},))  # expect-error: mixed|x
t.shapes.tuple(point=("1", 2))  # expect-error: point
t.shapes.tuple(point=(1, 2, 3))  # expect-error: point
t.shapes.tuple(point=(1, 2), pair=["a", 1, {1.5}])  # expect-error: pair|List

j: JsonValue = {"nested": [{"deep": None}]}
print(hostile, j, where({"kind": "file", "path": "p"}))
