"""Generated from schemas/raci.schema.json by scripts/update_docs.py: do not edit."""

# ruff: noqa
# mypy: ignore-errors
from raci_lint.reading.loader import IMPLICIT, Mapping, Scalar, Sequence
from raci_lint.schema.scalars import BOOLS, INT, NULLS, ecma_pattern

def f0(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (False): return False
    elif t is Sequence: return False
    if t is Mapping:
        e = n.entries
        if 'version' not in e: return False
        if 'components' not in e: return False
        for k, kn in e.items():
            v = kn.node
            f = c0.get(k)
            if f is None:
                if c1(k) is not None:
                    if not f7(v): return False
                    continue
                return False
            if not f(v): return False
    return True

def f7(n):
    return True

def f6(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (isnull): return False
    elif t is Sequence: return False
    if t is Mapping:
        e = n.entries
        for k, kn in e.items():
            v = kn.node
            if not f8(kn): return False
            f = c2.get(k)
            if f is None:
                f = f9
            if not f(v): return False
    return True

def f9(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (False): return False
    elif t is Sequence: return False
    if t is Mapping:
        e = n.entries
        if 'kind' not in e: return False
        for k, kn in e.items():
            v = kn.node
            f = c3.get(k)
            if f is None:
                if c4(k) is not None:
                    if not f7(v): return False
                    continue
                return False
            if not f(v): return False
    return True

def f16(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (isnull): return False
    elif t is Sequence: return False
    if t is Mapping:
        e = n.entries
        for k, kn in e.items():
            v = kn.node
            f = c5.get(k)
            if f is None:
                if c6(k) is not None:
                    if not f7(v): return False
                    continue
                return False
            if not f(v): return False
    return True

def f17(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull or isnull): return False
    elif t is Mapping: return False
    if t is Scalar and not (not n.style and n.value in NULLS) and c7(n.value) is None: return False
    if t is Sequence:
        for i in n.items:
            if not f18(i): return False
        seen = set()
        for i in n.items:
            if type(i) is Scalar:
                if i.value in seen: return False
                seen.add(i.value)
    return True

def f18(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull): return False
    elif t is Mapping: return False
    elif t is Sequence: return False
    if t is Scalar and not (not n.style and n.value in NULLS) and c8(n.value) is None: return False
    return True

def f15(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull or isnull): return False
    elif t is Mapping: return False
    if t is Sequence:
        for i in n.items:
            if not f19(i): return False
        seen = set()
        for i in n.items:
            if type(i) is Scalar:
                if i.value in seen: return False
                seen.add(i.value)
    return True

def f19(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull): return False
    elif t is Mapping: return False
    elif t is Sequence: return False
    return True

def f14(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull or isnull): return False
    elif t is Mapping: return False
    if t is Scalar and not (not n.style and n.value in NULLS) and c9(n.value) is None: return False
    if t is Sequence:
        for i in n.items:
            if not f20(i): return False
        seen = set()
        for i in n.items:
            if type(i) is Scalar:
                if i.value in seen: return False
                seen.add(i.value)
    return True

def f20(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull): return False
    elif t is Mapping: return False
    elif t is Sequence: return False
    if t is Scalar and not (not n.style and n.value in NULLS) and c10(n.value) is None: return False
    return True

def f13(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not ((plain and n.value in BOOLS)): return False
    elif t is Mapping: return False
    elif t is Sequence: return False
    return True

def f12(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull or isnull): return False
    elif t is Mapping: return False
    if t is Scalar and not (not n.style and n.value in NULLS) and c11(n.value) is None: return False
    if t is Sequence:
        for i in n.items:
            if not f21(i): return False
        seen = set()
        for i in n.items:
            if type(i) is Scalar:
                if i.value in seen: return False
                seen.add(i.value)
    return True

def f21(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull): return False
    elif t is Mapping: return False
    elif t is Sequence: return False
    if t is Scalar and not (not n.style and n.value in NULLS) and c12(n.value) is None: return False
    return True

def f11(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull): return False
    elif t is Mapping: return False
    elif t is Sequence: return False
    return True

def f10(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull): return False
    elif t is Mapping: return False
    elif t is Sequence: return False
    if t is Scalar and not (not n.style and n.value in NULLS) and c13(n.value) is None: return False
    return True

def f8(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull): return False
    elif t is Mapping: return False
    elif t is Sequence: return False
    if t is Scalar and not (not n.style and n.value in NULLS) and c14(n.value) is None: return False
    return True

def f5(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (isnull): return False
    elif t is Sequence: return False
    if t is Mapping:
        e = n.entries
        for k, kn in e.items():
            v = kn.node
            if not f8(kn): return False
            f = c15.get(k)
            if f is None:
                f = f22
            if not f(v): return False
    return True

def f22(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (isnull): return False
    elif t is Sequence: return False
    if t is Mapping:
        e = n.entries
        for k, kn in e.items():
            v = kn.node
            f = c16.get(k)
            if f is None:
                if c17(k) is not None:
                    if not f7(v): return False
                    continue
                return False
            if not f(v): return False
    return True

def f24(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull): return False
    elif t is Mapping: return False
    elif t is Sequence: return False
    if t is Scalar and not (not n.style and n.value in NULLS) and c18(n.value) is None: return False
    return True

def f23(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull or isnull): return False
    elif t is Mapping: return False
    if t is Scalar and not (not n.style and n.value in NULLS) and c19(n.value) is None: return False
    if t is Sequence:
        for i in n.items:
            if not f8(i): return False
        seen = set()
        for i in n.items:
            if type(i) is Scalar:
                if i.value in seen: return False
                seen.add(i.value)
    return True

def f4(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (isnull): return False
    elif t is Sequence: return False
    if t is Mapping:
        e = n.entries
        for k, kn in e.items():
            v = kn.node
            if not f8(kn): return False
            f = c20.get(k)
            if f is None:
                f = f25
            if not f(v): return False
    return True

def f25(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (isnull): return False
    elif t is Sequence: return False
    if t is Mapping:
        e = n.entries
        for k, kn in e.items():
            v = kn.node
            f = c21.get(k)
            if f is None:
                if c22(k) is not None:
                    if not f7(v): return False
                    continue
                return False
            if not f(v): return False
    return True

def f28(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not ((plain and n.value in BOOLS)): return False
    elif t is Mapping: return False
    elif t is Sequence: return False
    return True

def f27(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull): return False
    elif t is Mapping: return False
    elif t is Sequence: return False
    if t is Scalar and not (not n.style and n.value in NULLS) and c23(n.value) is None: return False
    return True

def f26(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull or isnull): return False
    elif t is Mapping: return False
    if t is Scalar and not (not n.style and n.value in NULLS) and c24(n.value) is None: return False
    if t is Sequence:
        for i in n.items:
            if not f10(i): return False
        seen = set()
        for i in n.items:
            if type(i) is Scalar:
                if i.value in seen: return False
                seen.add(i.value)
    return True

def f3(n):
    if not f29(n): return False
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    return True

def f29(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull or isnull): return False
    elif t is Mapping: return False
    if t is Sequence:
        for i in n.items:
            if not f30(i): return False
        seen = set()
        for i in n.items:
            if type(i) is Scalar:
                if i.value in seen: return False
                seen.add(i.value)
    return True

def f30(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not (not isnull): return False
    elif t is Mapping: return False
    elif t is Sequence: return False
    return True

def f2(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is not Scalar or n.value not in c25: return False
    return True

def f1(n):
    t = type(n)
    if t is Scalar and n.tag is not IMPLICIT: return False
    if t is Scalar:
        plain = not n.style
        isnull = plain and n.value in NULLS
        if not ((plain and INT.match(n.value) is not None)): return False
    elif t is Mapping: return False
    elif t is Sequence: return False
    return True

c0 = {'version': f1, 'scheme': f2, 'include': f3, 'people': f4, 'teams': f5, 'components': f6}
c1 = ecma_pattern('^x-').search
c2 = {}
c3 = {'kind': f10, 'description': f11, 'paths': f12, 'unowned': f13, 'depends_on': f14, 'tags': f15, 'raci': f16}
c4 = ecma_pattern('^x-').search
c5 = {'responsible': f17, 'accountable': f17, 'consulted': f17, 'informed': f17, 'support': f17}
c6 = ecma_pattern('^x-').search
c7 = ecma_pattern('^(team:)?[a-z0-9][a-z0-9._-]*$').search
c8 = ecma_pattern('^(team:)?[a-z0-9][a-z0-9._-]*$').search
c9 = ecma_pattern('^(external:.+|[a-z0-9][a-z0-9._-]*)$').search
c10 = ecma_pattern('^(external:.+|[a-z0-9][a-z0-9._-]*)$').search
c11 = ecma_pattern('^[^\\u0000-\\u0020\\u007f][^\\u0000-\\u001f\\u007f]*$').search
c12 = ecma_pattern('^[^\\u0000-\\u0020\\u007f][^\\u0000-\\u001f\\u007f]*$').search
c13 = ecma_pattern('\\S').search
c14 = ecma_pattern('^[a-z0-9][a-z0-9._-]*$').search
c15 = {}
c16 = {'name': f11, 'description': f11, 'members': f23, 'github': f24}
c17 = ecma_pattern('^x-').search
c18 = ecma_pattern('^@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9._-]+$').search
c19 = ecma_pattern('^[a-z0-9][a-z0-9._-]*$').search
c20 = {}
c21 = {'name': f11, 'disciplines': f26, 'email': f11, 'github': f27, 'active': f28}
c22 = ecma_pattern('^x-').search
c23 = ecma_pattern('^@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$').search
c24 = ecma_pattern('\\S').search
c25 = frozenset(['RACI', 'RASCI'])
entry = f0
