"""Makes a cell's top-level awaits interruptible.

Why: Deno's kernel (2.9.x) answers Kernel > Interrupt by terminating
JavaScript that is running. A cell that is *waiting* (`await sleep(60_000)`,
a promise that never settles, a slow fetch) runs no JavaScript, so nothing
is terminated: the cell stays busy forever and every later cell queues behind
it. V8 evaluates the cell as one async function that resumes only when the
awaited promise settles, and nothing outside can settle it.

So the proxy rewrites each top-level `await X` of a cell into
`await __courseInterruptible(X, N)`, where N numbers the cell. The helper
(interrupt_setup.js, run once in the kernel) returns a promise that follows X
but can also be rejected from a SIGUSR1 listener, which the proxy triggers on
interrupt. Awaits inside functions need nothing: the top-level await that
waits for the function's promise is the one that gets rejected.

The scanner is deliberately cautious: it knows strings, template literals,
comments, regular expressions, brackets and function bodies, and when it
meets anything it does not understand (an unbalanced bracket, a generic call
`await f<T>(x)`, an arrow function after `await`) it leaves that await, or
the whole cell, exactly as it was. A cell left as it was runs as before; it
just cannot be interrupted while it waits.
"""

import re

HELPER = "__courseInterruptible"

_IDENT = re.compile(r"[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*")
_NUMBER = re.compile(r"(?:0[xXoObB][\da-fA-F_]+|\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d+)?|\.\d[\d_]*(?:[eE][+-]?\d+)?)n?")
_PUNCT = sorted(
    """>>>= ... === !== **= <<= >>= >>> &&= ||= ??= => == != <= >= && || ?? ?. ++ -- += -= *=
    /= %= &= |= ^= ** << >> { } ( ) [ ] ; , < > + - * / % & | ^ ! ~ ? : = . @ #""".split(),
    key=len,
    reverse=True,
)
# After these, a `/` starts a regular expression rather than a division.
_REGEX_AFTER_WORDS = {
    "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case",
    "do", "else", "yield", "await",
}
_CONTROL = {"if", "for", "while", "switch", "catch", "with"}
_PREFIX_WORDS = {"typeof", "void", "delete", "await"}
_LITERAL_WORDS = {"this", "null", "true", "false", "undefined", "super"}


class Unsure(Exception):
    """The scanner met something it does not understand: leave the code alone."""


class Tok:
    __slots__ = ("kind", "text", "start", "end", "nl_before")

    def __init__(self, kind, text, start, end, nl_before):
        self.kind = kind  # "id", "num", "str", "tpl", "re", "p" (punctuator)
        self.text = text
        self.start = start
        self.end = end
        self.nl_before = nl_before

    def __repr__(self):
        return f"Tok({self.kind}, {self.text!r})"


def _regex_allowed(prev):
    if prev is None:
        return True
    if prev.kind == "id":
        return prev.text in _REGEX_AFTER_WORDS
    if prev.kind in ("num", "str", "tpl", "re"):
        return False
    return prev.text not in (")", "]", "}")


def tokenize(code, i=0, until_close=False):
    """Tokens of TypeScript source from index i. Template literals are one
    token each: the expressions inside them are skipped (an await inside
    `${...}` is left alone). With until_close, stops at the first unmatched
    `}` and returns (tokens, index after it); else returns the tokens."""
    toks = []
    n = len(code)
    nl = False
    depth = 0
    while i < n:
        c = code[i]
        if c in " \t\r\ufeff":
            i += 1
            continue
        if c == "\n":
            nl = True
            i += 1
            continue
        if code.startswith("//", i):
            j = code.find("\n", i)
            i = n if j < 0 else j
            continue
        if code.startswith("/*", i):
            j = code.find("*/", i + 2)
            if j < 0:
                raise Unsure("unterminated comment")
            nl = nl or "\n" in code[i:j]
            i = j + 2
            continue
        start = i
        prev = toks[-1] if toks else None
        if c in "'\"":
            i = _skip_string(code, i)
            kind = "str"
        elif c == "`":
            i = _skip_template(code, i)
            kind = "tpl"
        elif c == "/" and _regex_allowed(prev):
            i = _skip_regex(code, i)
            kind = "re"
        elif _IDENT.match(code, i):
            i = _IDENT.match(code, i).end()
            kind = "id"
        elif (m := _NUMBER.match(code, i)) and m.end() > i:
            i = m.end()
            kind = "num"
        else:
            p = next((p for p in _PUNCT if code.startswith(p, i)), None)
            if p is None:
                raise Unsure(f"unexpected character {c!r}")
            i += len(p)
            kind = "p"
            if until_close and p == "{":
                depth += 1
            elif until_close and p == "}":
                if depth == 0:
                    return toks, i
                depth -= 1
        toks.append(Tok(kind, code[start:i], start, i, nl))
        nl = False
    if until_close:
        raise Unsure("unterminated ${ in a template literal")
    return toks


def _skip_string(code, i):
    quote = code[i]
    i += 1
    while i < len(code):
        c = code[i]
        if c == "\\":
            i += 2
            continue
        if c == quote:
            return i + 1
        if c == "\n":
            break
        i += 1
    raise Unsure("unterminated string")


def _skip_template(code, i):
    i += 1
    while i < len(code):
        c = code[i]
        if c == "\\":
            i += 2
            continue
        if c == "`":
            return i + 1
        if code.startswith("${", i):
            _, i = tokenize(code, i + 2, until_close=True)
            continue
        i += 1
    raise Unsure("unterminated template literal")


def _skip_regex(code, i):
    i += 1
    in_class = False
    while i < len(code):
        c = code[i]
        if c == "\\":
            i += 2
            continue
        if c == "\n":
            break
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        elif c == "/" and not in_class:
            i += 1
            while i < len(code) and (code[i].isalnum() or code[i] == "_"):
                i += 1
            return i
        i += 1
    raise Unsure("unterminated regular expression")


_OPEN = {"(": ")", "[": "]", "{": "}"}


def _match(toks, i):
    """Index of the bracket closing the one at i."""
    want = []
    for j in range(i, len(toks)):
        t = toks[j].text
        if toks[j].kind != "p":
            continue
        if t in _OPEN:
            want.append(_OPEN[t])
        elif t in (")", "]", "}"):
            if not want or want.pop() != t:
                raise Unsure("unbalanced brackets")
            if not want:
                return j
    raise Unsure("unbalanced brackets")


def _check_balanced(toks):
    """A cell with unbalanced brackets is a syntax error: leave it to Deno."""
    want = []
    for t in toks:
        if t.kind != "p":
            continue
        if t.text in _OPEN:
            want.append(_OPEN[t.text])
        elif t.text in (")", "]", "}") and (not want or want.pop() != t.text):
            raise Unsure("unbalanced brackets")
    if want:
        raise Unsure("unbalanced brackets")


def _operand_end(toks, i):
    """Index just past the unary expression that starts at toks[i] (the
    operand of an `await`), or raise Unsure."""
    n = len(toks)
    while i < n and (toks[i].text in ("!", "~", "+", "-") and toks[i].kind == "p"
                     or toks[i].kind == "id" and toks[i].text in _PREFIX_WORDS):
        i += 1
    if i >= n:
        raise Unsure("await at the end")
    t = toks[i]
    if t.kind == "id" and t.text == "new":
        i += 1
        if i >= n or toks[i].kind != "id":
            raise Unsure("new without a name")
        i += 1
    elif t.kind == "id":
        if t.text in ("function", "class", "async", "yield", "import"):
            raise Unsure(f"{t.text} after await")
        if i + 1 < n and toks[i + 1].text == "=>":
            raise Unsure("an arrow function after await")
        i += 1
    elif t.kind in ("num", "str", "tpl", "re"):
        i += 1
    elif t.text in ("(", "["):
        close = _match(toks, i)
        if t.text == "(" and close + 1 < n and toks[close + 1].text == "=>":
            raise Unsure("an arrow function after await")
        i = close + 1
    elif t.text == "{":
        i = _match(toks, i) + 1
    else:
        raise Unsure(f"{t.text!r} after await")
    while i < n:
        t = toks[i]
        if t.kind == "p" and t.text in (".", "?."):
            if i + 1 < n and toks[i + 1].kind == "id" or (
                t.text == "?." and i + 1 < n and toks[i + 1].text in ("(", "[")
            ):
                i += 2 if toks[i + 1].kind == "id" else 1
                continue
            raise Unsure("a dot without a name")
        if t.kind == "p" and t.text in ("(", "["):
            if t.nl_before:
                break  # a new statement on the next line (ASI would not join them... usually)
            i = _match(toks, i) + 1
            continue
        if t.kind == "tpl" and not t.nl_before:
            i += 1  # a tagged template
            continue
        if t.kind == "p" and t.text == "!" and not t.nl_before:
            i += 1  # TypeScript's non-null assertion
            continue
        if t.kind == "p" and t.text == "<" and t.start == toks[i - 1].end:
            raise Unsure("a generic call after await")
        break
    return i


def _function_bodies(toks):
    """Indices of the `{` tokens that open function bodies, and the spans
    of arrow functions' expression bodies."""
    bodies = set()
    arrows = []
    for i, t in enumerate(toks):
        if t.kind != "p":
            continue
        if t.text == "=>":
            nxt = i + 1
            if nxt < len(toks) and toks[nxt].text == "{":
                bodies.add(nxt)
            elif nxt < len(toks):
                arrows.append((nxt, _arrow_end(toks, nxt)))
        elif t.text == "{" and i > 0:
            head = _paren_head(toks, i)
            if head is not None:
                bodies.add(i)
    return bodies, arrows


def _paren_head(toks, brace):
    """For a `{` after `)` (or after a return type), whether the `(`...`)` are
    a function's parameters: not `if (...)`, `for (...)` and friends."""
    j = brace - 1
    # Skip a TypeScript return type: `): Promise<void> {`.
    depth = 0
    while j >= 0:
        t = toks[j].text
        if toks[j].kind == "p" and t == ")" and depth == 0:
            break
        if toks[j].kind == "p" and t in (";", "{", "}", "=", "=>"):
            return None
        if t == ">":
            depth += 1
        elif t == "<":
            depth -= 1
        j -= 1
    if j < 0 or toks[j].text != ")":
        return None
    # Find the matching `(`.
    depth = 0
    k = j
    while k >= 0:
        t = toks[k].text
        if toks[k].kind == "p" and t in (")", "]", "}"):
            depth += 1
        elif toks[k].kind == "p" and t in ("(", "[", "{"):
            depth -= 1
            if depth == 0:
                break
        k -= 1
    if k <= 0:
        return None
    before = toks[k - 1]
    if before.kind == "id" and before.text in _CONTROL:
        return None
    if before.kind == "id" and before.text == "await":  # for await (...)
        return None
    if before.kind == "id" or before.text in ("*", ">"):  # f(...) {  *gen(...) {  f<T>(...) {
        return k
    return None


def _arrow_end(toks, i):
    depth = 0
    first_line_done = False
    j = i
    while j < len(toks):
        t = toks[j]
        if j > i and t.nl_before and depth == 0 and first_line_done:
            return j
        if t.kind == "p":
            if t.text in _OPEN:
                depth += 1
            elif t.text in (")", "]", "}"):
                if depth == 0:
                    return j
                depth -= 1
            elif t.text in (",", ";") and depth == 0:
                return j
        first_line_done = True
        j += 1
    return j


def make_interruptible(code, cell):
    """The cell's code with each top-level `await X` turned into
    `await __courseInterruptible(X, cell)`; the code unchanged when it has
    no top-level await or the scanner is unsure of it."""
    if "await" not in code:
        return code
    try:
        toks = tokenize(code)
        _check_balanced(toks)
        bodies, arrows = _function_bodies(toks)
        inside = [0] * (len(toks) + 1)  # +1 at a body's start, -1 after its end
        for b in bodies:
            inside[b] += 1
            inside[_match(toks, b) + 1] -= 1
        for start, end in arrows:
            inside[start] += 1
            inside[end] -= 1
        edits = []
        depth = 0
        depths = []
        for k in range(len(toks)):
            depth += inside[k]
            depths.append(depth)
        i = 0
        while i < len(toks):
            t = toks[i]
            if depths[i] == 0 and t.kind == "id" and t.text == "await":
                prev = toks[i - 1] if i > 0 else None
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                # `for await (...)`, `x.await`, `await using x = ...`: not a wait on a value.
                if (prev is not None and prev.text in ("for", ".")) or (
                    nxt is not None and nxt.text == "using"
                ):
                    i += 1
                    continue
                try:
                    end = _operand_end(toks, i + 1)
                except Unsure:
                    i += 1
                    continue
                edits.append((toks[i + 1].start, toks[end - 1].end, toks[i + 1].start > t.end))
                i = end  # awaits inside the operand need nothing more
                continue
            i += 1
    except Unsure:
        return code
    out = code
    for start, end, spaced in reversed(edits):
        call = f"{HELPER}({out[start:end]}, {cell})"
        out = f"{out[:start]}{call if spaced else ' ' + call}{out[end:]}"
    return out
