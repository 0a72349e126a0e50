"""A byte-level BPE tokenizer trained here and written as a Hugging Face tokenizer.json.

The layout copies Qwen2's tokenizer: NFC normaliser, the Qwen2 split regex, byte-level alphabet
(GPT-2's bytes_to_unicode), BPE merges, ChatML special tokens. Any Unicode text can be encoded
(unknown characters fall back to their bytes); the merges learnt on the FAQ corpus make Chinese
characters and common English words single tokens.

Encoding here (used to build the training set) follows the same rules as the Rust `tokenizers`
library: split by the regex, map bytes to the byte-level alphabet, apply merges by rank. The Java
tests check that DJL's tokenizer produces the same ids as this module for reference texts.
"""

import collections
import unicodedata

import regex

# Qwen2's pre-tokenizer pattern (tokenizer.json of Qwen2/Qwen2.5).
SPLIT_PATTERN = (
    r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
    r"|\s*[\r\n]+|\s+(?!\S)|\s+"
)
_SPLIT = regex.compile(SPLIT_PATTERN)


def bytes_to_unicode():
    """GPT-2's reversible map from bytes to printable Unicode characters."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(
        range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, (chr(c) for c in cs)))


BYTE_TO_CHAR = bytes_to_unicode()


def pre_tokenize(text):
    text = unicodedata.normalize("NFC", text)
    return ["".join(BYTE_TO_CHAR[b] for b in piece.encode("utf-8")) for piece in _SPLIT.findall(text)]


def train(texts, vocab_size, special_tokens):
    """Learns merges until vocab_size (including the 256 bytes and the special tokens)."""
    word_counts = collections.Counter()
    for text in texts:
        word_counts.update(pre_tokenize(text))
    words = [list(w) for w in word_counts]
    counts = [word_counts[w] for w in word_counts]

    pair_counts = collections.Counter()
    where = collections.defaultdict(set)
    for i, symbols in enumerate(words):
        for pair in zip(symbols, symbols[1:]):
            pair_counts[pair] += counts[i]
            where[pair].add(i)

    vocab = {ch: i for i, ch in enumerate(sorted(BYTE_TO_CHAR.values(), key=ord))}
    merges = []
    target = vocab_size - len(special_tokens)
    while len(vocab) < target and pair_counts:
        # Highest count wins; ties broken by the pair itself so the result is deterministic.
        best = max(pair_counts.items(), key=lambda kv: (kv[1], kv[0]))
        pair, count = best
        if count < 2:
            break
        merged = pair[0] + pair[1]
        merges.append(pair)
        vocab[merged] = len(vocab)
        for i in list(where[pair]):
            symbols = words[i]
            c = counts[i]
            for p in zip(symbols, symbols[1:]):
                pair_counts[p] -= c
                if pair_counts[p] <= 0:
                    del pair_counts[p]
                where[p].discard(i)
            out, j = [], 0
            while j < len(symbols):
                if j + 1 < len(symbols) and symbols[j] == pair[0] and symbols[j + 1] == pair[1]:
                    out.append(merged)
                    j += 2
                else:
                    out.append(symbols[j])
                    j += 1
            words[i] = out
            for p in zip(out, out[1:]):
                pair_counts[p] += c
                where[p].add(i)
        where.pop(pair, None)
    for token in special_tokens:
        vocab[token] = len(vocab)
    return vocab, merges


class Tokenizer:
    def __init__(self, vocab, merges, special_tokens):
        self.vocab = vocab
        self.ranks = {pair: r for r, pair in enumerate(merges)}
        self.merges = merges
        self.special_tokens = special_tokens
        self.id_to_token = {i: t for t, i in vocab.items()}
        self._special = regex.compile("(" + "|".join(regex.escape(t) for t in special_tokens) + ")")
        self._cache = {}

    def _bpe(self, word):
        if word in self._cache:
            return self._cache[word]
        symbols = list(word)
        while len(symbols) > 1:
            ranked = [(self.ranks.get(p, 1 << 30), k) for k, p in enumerate(zip(symbols, symbols[1:]))]
            rank, k = min(ranked)
            if rank == 1 << 30:
                break
            pair = (symbols[k], symbols[k + 1])
            out, j = [], 0
            while j < len(symbols):
                if j + 1 < len(symbols) and (symbols[j], symbols[j + 1]) == pair:
                    out.append(pair[0] + pair[1])
                    j += 2
                else:
                    out.append(symbols[j])
                    j += 1
            symbols = out
        ids = [self.vocab[s] for s in symbols]
        self._cache[word] = ids
        return ids

    def encode(self, text):
        ids = []
        for part in self._special.split(text):
            if not part:
                continue
            if part in self.special_tokens:
                ids.append(self.vocab[part])
            else:
                for word in pre_tokenize(part):
                    ids.extend(self._bpe(word))
        return ids

    def decode(self, ids):
        char_to_byte = {c: b for b, c in BYTE_TO_CHAR.items()}
        out, buf = [], bytearray()
        for i in ids:
            token = self.id_to_token[i]
            if token in self.special_tokens:
                out.append(buf.decode("utf-8", errors="replace"))
                buf = bytearray()
                out.append(token)
            else:
                buf.extend(char_to_byte[c] for c in token)
        out.append(buf.decode("utf-8", errors="replace"))
        return "".join(out)

    def to_hf_json(self):
        byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False,
                      "use_regex": False}
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": [
                {"id": self.vocab[t], "content": t, "single_word": False, "lstrip": False,
                 "rstrip": False, "normalized": False, "special": True}
                for t in self.special_tokens
            ],
            "normalizer": {"type": "NFC"},
            "pre_tokenizer": {
                "type": "Sequence",
                "pretokenizers": [
                    {"type": "Split", "pattern": {"Regex": SPLIT_PATTERN}, "behavior": "Isolated",
                     "invert": False},
                    byte_level,
                ],
            },
            "post_processor": byte_level,
            "decoder": byte_level,
            "model": {
                "type": "BPE",
                "dropout": None,
                "unk_token": None,
                "continuing_subword_prefix": "",
                "end_of_word_suffix": "",
                "fuse_unk": False,
                "byte_fallback": False,
                "vocab": {t: i for t, i in sorted(self.vocab.items(), key=lambda kv: kv[1])
                          if t not in self.special_tokens},
                "merges": [a + " " + b for a, b in self.merges],
            },
        }
