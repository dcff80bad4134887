"""Vietnamese text typed in the legacy 8-bit encodings TCVN3 (ABC, .VnTime fonts) and VNI.

Old sheets show such text as Latin-1 look-alikes: TCVN3 "B¶o Th¾ng" is "Bảo Thắng", VNI
"Baûo Thaéng" is the same. Excel stored the bytes through the Windows code page (cp1252), so a
cell's characters are turned back into bytes with cp1252 and decoded with the legacy table.

Detection: text that contains characters no Vietnamese Unicode text uses (¶, ¾, û, ï…) is legacy;
it is decoded with the encoding whose result has none of them left.
Tables: TCVN 5712 (VN3) as in X11's lcUniConv; VNI letter order as in the xvnkb keyboard driver.
"""

from __future__ import annotations

import re
import unicodedata

# TCVN 5712 bytes 0x80-0xFF -> Unicode (X11 lcUniConv tcvn.h), and the low range used for capitals.
_TCVN_HIGH = [
    0x00C0,
    0x1EA2,
    0x00C3,
    0x00C1,
    0x1EA0,
    0x1EB6,
    0x1EAC,
    0x00C8,
    0x1EBA,
    0x1EBC,
    0x00C9,
    0x1EB8,
    0x1EC6,
    0x00CC,
    0x1EC8,
    0x0128,
    0x00CD,
    0x1ECA,
    0x00D2,
    0x1ECE,
    0x00D5,
    0x00D3,
    0x1ECC,
    0x1ED8,
    0x1EDC,
    0x1EDE,
    0x1EE0,
    0x1EDA,
    0x1EE2,
    0x00D9,
    0x1EE6,
    0x0168,
    0x00A0,
    0x0102,
    0x00C2,
    0x00CA,
    0x00D4,
    0x01A0,
    0x01AF,
    0x0110,
    0x0103,
    0x00E2,
    0x00EA,
    0x00F4,
    0x01A1,
    0x01B0,
    0x0111,
    0x1EB0,
    0x0300,
    0x0309,
    0x0303,
    0x0301,
    0x0323,
    0x00E0,
    0x1EA3,
    0x00E3,
    0x00E1,
    0x1EA1,
    0x1EB2,
    0x1EB1,
    0x1EB3,
    0x1EB5,
    0x1EAF,
    0x1EB4,
    0x1EAE,
    0x1EA6,
    0x1EA8,
    0x1EAA,
    0x1EA4,
    0x1EC0,
    0x1EB7,
    0x1EA7,
    0x1EA9,
    0x1EAB,
    0x1EA5,
    0x1EAD,
    0x00E8,
    0x1EC2,
    0x1EBB,
    0x1EBD,
    0x00E9,
    0x1EB9,
    0x1EC1,
    0x1EC3,
    0x1EC5,
    0x1EBF,
    0x1EC7,
    0x00EC,
    0x1EC9,
    0x1EC4,
    0x1EBE,
    0x1ED2,
    0x0129,
    0x00ED,
    0x1ECB,
    0x00F2,
    0x1ED4,
    0x1ECF,
    0x00F5,
    0x00F3,
    0x1ECD,
    0x1ED3,
    0x1ED5,
    0x1ED7,
    0x1ED1,
    0x1ED9,
    0x1EDD,
    0x1EDF,
    0x1EE1,
    0x1EDB,
    0x1EE3,
    0x00F9,
    0x1ED6,
    0x1EE7,
    0x0169,
    0x00FA,
    0x1EE5,
    0x1EEB,
    0x1EED,
    0x1EEF,
    0x1EE9,
    0x1EF1,
    0x1EF3,
    0x1EF7,
    0x1EF9,
    0x00FD,
    0x1EF5,
    0x1ED0,
]
_TCVN_LOW = {
    0x01: 0x00DA,
    0x02: 0x1EE4,
    0x04: 0x1EEA,
    0x05: 0x1EEC,
    0x06: 0x1EEE,
    0x11: 0x1EE8,
    0x12: 0x1EF0,
    0x13: 0x1EF2,
    0x14: 0x1EF6,
    0x15: 0x1EF8,
    0x16: 0x00DD,
    0x17: 0x1EF4,
}


def _cp1252_char(byte: int) -> str:
    """The character Windows shows for a byte; undefined bytes come through as C1 controls."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_TCVN = {_cp1252_char(0x80 + i): chr(u) for i, u in enumerate(_TCVN_HIGH) if 0x80 + i != 0xA0}
_TCVN.update({chr(b): chr(u) for b, u in _TCVN_LOW.items()})

# VNI: a base letter followed by a mark character. Tone order: acute, grave, hook, tilde, dot.
_TONES = "\u0301\u0300\u0309\u0303\u0323"
_PLAIN_MARKS = "ùøûõï"  # after a, e, o, u, y, ơ (ô), ư (ö)
_CIRCUMFLEX_MARKS = "âáàåãä"  # â, then its five tones
_BREVE_MARKS = "êéèúüë"  # ă, then its five tones


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(vni: str, letter: str) -> None:
        table[vni] = letter
        table[vni.upper()] = letter.upper()

    def toned(letter: str, tone: str) -> str:
        return unicodedata.normalize("NFC", letter + tone)

    for vni_base, letter in (("a", "a"), ("e", "e"), ("o", "o"), ("u", "u"), ("y", "y"), ("ô", "ơ"), ("ö", "ư")):
        if vni_base != letter:
            add(vni_base, letter)  # ô is ơ and ö is ư on their own
        for mark, tone in zip(_PLAIN_MARKS, _TONES, strict=True):
            if vni_base == "y" and tone == "\u0323":
                continue  # ỵ is a single character in VNI
            add(vni_base + mark, toned(letter, tone))
    for vni_base, letter in (("a", "â"), ("e", "ê"), ("o", "ô")):
        add(vni_base + _CIRCUMFLEX_MARKS[0], letter)
        for mark, tone in zip(_CIRCUMFLEX_MARKS[1:], _TONES, strict=True):
            add(vni_base + mark, toned(letter, tone))
    add("a" + _BREVE_MARKS[0], "ă")
    for mark, tone in zip(_BREVE_MARKS[1:], _TONES, strict=True):
        add("a" + mark, toned("ă", tone))
    for vni, tone in zip("íìæóò", _TONES, strict=True):  # i and its tones are single characters
        add(vni, toned("i", tone))
    add("î", "ỵ")
    add("ñ", "đ")
    return table


_VNI = _vni_table()
_VNI_RE = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)))

# Latin-1 letters Vietnamese uses; every other character of U+00A1-U+00FF betrays a legacy encoding,
# as do cp1252's letters in 0x80-0x9F. Typographic punctuation is common in Unicode text: not a sign.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_PUNCTUATION = set("–—‘’“”…•€™‚„†‡‰‹›ˆ˜")
_FOREIGN = ({chr(c) for c in range(0xA1, 0x100)} - _VIETNAMESE_LATIN1) | (
    {_cp1252_char(b) for b in range(0x80, 0xA0)} - _PUNCTUATION
)
# Letters only Unicode Vietnamese has: text holding one is Unicode already.
_UNICODE_VIETNAMESE = set("ăđơưĂĐƠƯĩũĨŨ") | {chr(c) for c in range(0x1EA0, 0x1EFA)}
_TONE_MARKS = set(_TONES)


def _has_foreign(text: str) -> bool:
    return any(ch in _FOREIGN for ch in text)


# Sequences Unicode Vietnamese never has: a vowel then ù or õ (VNI's acute and tilde marks), and a
# capital Latin-1 letter inside a lower-case word (TCVN3 codes lower-case letters there: "ThiÕu").
_VNI_PAIR = re.compile(r"[aeouyôAEOUYÔ][ùõÙÕ]")
_TCVN_MIDWORD = re.compile(r"[a-zà-ýđ][ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ]")


def _is_unicode_vietnamese(text: str) -> bool:
    return any(ch in _UNICODE_VIETNAMESE for ch in text)


def looks_legacy(text: str) -> bool:
    if _is_unicode_vietnamese(text):
        return False
    return _has_foreign(text) or bool(_VNI_PAIR.search(text) or _TCVN_MIDWORD.search(text))


_CAPITALS_WORD = re.compile(r"[^\x00-\x7f][A-Z]")


def _typed_in_capitals(text: str) -> bool:
    """Capitals typed in a .VnTimeH font use lower-case codes: a code followed by an ASCII capital in
    one word ("M¦êNG") shows it. Title case ("Bè Rµ" = Bố Rà) and acronyms ("TTHC") never do that."""
    return not any(ch.isascii() and ch.islower() for ch in text) and bool(_CAPITALS_WORD.search(text))


def decode_tcvn3(text: str) -> str:
    decoded = "".join(_TCVN.get(ch, ch) for ch in text)
    if _typed_in_capitals(text):
        decoded = decoded.upper()  # capitals were typed with lower-case codes in a capitals font (.VnTimeH)
    return unicodedata.normalize("NFC", decoded)


def decode_vni(text: str) -> str:
    return unicodedata.normalize("NFC", _VNI_RE.sub(lambda m: _VNI[m.group(0)], text))


def decode(text: str, encoding: str) -> str:
    """Decode one cell of a sheet known to be in `encoding`; Unicode cells and non-decodable ones stay."""
    if _is_unicode_vietnamese(text):
        return text
    out = decode_tcvn3(text) if encoding == "TCVN3" else decode_vni(text)
    return text if _has_foreign(out) else out


def detect(texts) -> str | None:
    """The legacy encoding a sheet was typed in, from all its text cells: the one most cells show."""
    votes: dict[str, int] = {}
    for text in texts:
        encoding = _detect_one(text)
        if encoding:
            votes[encoding] = votes.get(encoding, 0) + 1
    return max(votes, key=votes.get) if votes else None


def _extra_tones(text: str) -> int:
    """Tone marks beyond one per word: a Vietnamese syllable carries at most one."""
    words = unicodedata.normalize("NFD", text).split()
    return sum(max(0, sum(ch in _TONE_MARKS for ch in w) - 1) for w in words)


def _explained(name: str, text: str) -> int:
    """How many input characters the decoding used."""
    if name == "TCVN3":
        return sum(ch in _TCVN for ch in text)
    return sum(len(m.group(0)) for m in _VNI_RE.finditer(text))


def _detect_one(text: str) -> str | None:
    """Among the decodings that leave no foreign character, the one with fewer impossible syllables
    (two tone marks) wins, then the one that explains more of the input."""
    if not looks_legacy(text):
        return None
    candidates = []
    for name, decoder in (("TCVN3", decode_tcvn3), ("VNI", decode_vni)):
        out = decoder(text)
        if out != text and not _has_foreign(out):
            candidates.append((_extra_tones(out), -_explained(name, text), name))
    return min(candidates)[2] if candidates else None


def fix_legacy(text: str) -> tuple[str, str | None]:
    """One text on its own (a tab or file name): (Unicode text, "TCVN3"/"VNI" if converted, else None)."""
    encoding = _detect_one(text)
    if encoding is None:
        return text, None
    return decode(text, encoding), encoding


_TCVN_ENCODE = {u: legacy for legacy, u in _TCVN.items() if unicodedata.combining(u) == 0}


def encode_tcvn3(text: str) -> str:
    """Unicode to TCVN3 as a .VnTime sheet shows it (for test fixtures and sample data).

    Text in capitals is written the .VnTimeH way: lower-case codes in a capitals font.
    """
    text = unicodedata.normalize("NFC", text)
    letters = [ch for ch in text if ch.isalpha()]
    capitals = len(letters) >= 2 and all(ch.isupper() for ch in letters)
    return "".join(_TCVN_ENCODE.get(ch.lower() if capitals and not ch.isascii() else ch, ch) for ch in text)


_VNI_ENCODE = {u: vni for vni, u in _VNI.items()}


def encode_vni(text: str) -> str:
    """Unicode to VNI as a VNI-Times sheet shows it (for test fixtures)."""
    return "".join(_VNI_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", text))
