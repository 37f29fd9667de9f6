"""The hand-maintained curation (tools/scenarios/curation.json and the reference edition's refresh,
curation_2026_12.json): layering one over the other and the refresh's note additions.
"""
import copy


def with_addition(note, c):
    """A row's note, plus the refresh's 'note_add' sentence (curation_2026_12.json) when it has one."""
    add = c.get("note_add", "")
    return (note + " " + add).strip() if add else note


def merge_curation(base, over):
    """Layers the refresh over curation.json: dicts merge key by key (rows field by field), lists are
    appended, anything else is replaced."""
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(base.get(k), dict):
            merge_curation(base[k], v)
        elif isinstance(v, list) and isinstance(base.get(k), list):
            base[k].extend(copy.deepcopy(v))
        else:
            base[k] = copy.deepcopy(v)
    return base
