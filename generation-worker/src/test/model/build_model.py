"""Builds the tiny-llm test fixture: a small Qwen2-style decoder trained on templated shop FAQs.

Output directory layout (Hugging Face Optimum `text-generation-with-past`):
  model.onnx + model.onnx_data   inputs input_ids, attention_mask, position_ids,
                                 past_key_values.{i}.key/.value; outputs logits, present.{i}.key/.value
  config.json, generation_config.json, tokenizer.json, tokenizer_config.json (ChatML template)
  reference.json                 expectations for the Java tests (template rendering, token ids,
                                 greedy continuations computed here with PyTorch)

Architecture: RMSNorm, rotary position embeddings, grouped-query attention (fewer KV heads than
query heads, q/k/v biases as in Qwen2), SwiGLU MLP, untied LM head.

Run with Debian's python3-torch and python3-onnx (see build_model.sh). Seeds are fixed and the
number of training steps is fixed, so the result depends only on this script and the library
versions.
"""

import argparse
import json
import math
import os
import random
import time

import jinja2
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

import bpe
import corpus

SEED = 20240611
SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
DEFAULT_SYSTEM = "You are a helpful customer service assistant."
# Qwen2's ChatML template, plus a role check that exercises raise_exception.
CHAT_TEMPLATE = (
    "{%- for message in messages %}"
    "{%- if message['role'] not in ['system', 'user', 'assistant'] %}"
    "{{ raise_exception('Unsupported role: ' + message['role']) }}"
    "{%- endif %}"
    "{%- if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\\n" + DEFAULT_SYSTEM + "<|im_end|>\\n' }}"
    "{%- endif %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{%- endif %}"
)


class Config:
    vocab_size = 4096
    hidden_size = 128
    intermediate_size = 384
    num_hidden_layers = 4
    num_attention_heads = 4
    num_key_value_heads = 2
    max_position_embeddings = 1024
    rope_theta = 10000.0
    rms_norm_eps = 1e-6

    @property
    def head_dim(self):
        return self.hidden_size // self.num_attention_heads


class RMSNorm(nn.Module):
    def __init__(self, size, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(size))
        self.eps = eps

    def forward(self, x):
        variance = x.pow(2).mean(-1, keepdim=True)
        return self.weight * (x * torch.rsqrt(variance + self.eps))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.heads = cfg.num_attention_heads
        self.kv_heads = cfg.num_key_value_heads
        self.head_dim = cfg.head_dim
        self.q_proj = nn.Linear(cfg.hidden_size, self.heads * self.head_dim, bias=True)
        self.k_proj = nn.Linear(cfg.hidden_size, self.kv_heads * self.head_dim, bias=True)
        self.v_proj = nn.Linear(cfg.hidden_size, self.kv_heads * self.head_dim, bias=True)
        self.o_proj = nn.Linear(self.heads * self.head_dim, cfg.hidden_size, bias=False)

    def forward(self, x, cos, sin, bias, past_k, past_v):
        b, s, _ = x.shape
        q = self.q_proj(x).view(b, s, self.heads, self.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(b, s, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(b, s, self.kv_heads, self.head_dim).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = torch.cat([past_k, k], dim=2)
        v = torch.cat([past_v, v], dim=2)
        present = (k, v)
        rep = self.heads // self.kv_heads
        t = k.shape[2]
        k = k[:, :, None].expand(b, self.kv_heads, rep, t, self.head_dim).reshape(b, self.heads, t, self.head_dim)
        v = v[:, :, None].expand(b, self.kv_heads, rep, t, self.head_dim).reshape(b, self.heads, t, self.head_dim)
        scores = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(self.head_dim) + bias
        out = torch.matmul(torch.softmax(scores, dim=-1), v)
        out = out.transpose(1, 2).reshape(b, s, self.heads * self.head_dim)
        return self.o_proj(out), present


class Mlp(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.gate_proj = nn.Linear(cfg.hidden_size, cfg.intermediate_size, bias=False)
        self.up_proj = nn.Linear(cfg.hidden_size, cfg.intermediate_size, bias=False)
        self.down_proj = nn.Linear(cfg.intermediate_size, cfg.hidden_size, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class Layer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.input_layernorm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.self_attn = Attention(cfg)
        self.post_attention_layernorm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.mlp = Mlp(cfg)

    def forward(self, x, cos, sin, bias, past_k, past_v):
        attn, present = self.self_attn(self.input_layernorm(x), cos, sin, bias, past_k, past_v)
        x = x + attn
        return x + self.mlp(self.post_attention_layernorm(x)), present


class Decoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.embed_tokens = nn.Embedding(cfg.vocab_size, cfg.hidden_size)
        self.layers = nn.ModuleList(Layer(cfg) for _ in range(cfg.num_hidden_layers))
        self.norm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.lm_head = nn.Linear(cfg.hidden_size, cfg.vocab_size, bias=False)
        inv_freq = 1.0 / (cfg.rope_theta ** (torch.arange(0, cfg.head_dim, 2).float() / cfg.head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)

    def forward(self, input_ids, attention_mask, position_ids, past, logits_at=None):
        """past: list of (key, value) with shape [batch, kv_heads, past_len, head_dim].

        logits_at (training only): a boolean [batch, seq] mask of the positions whose logits are
        needed; the LM head then runs on those rows alone, which is most of a CPU step's cost.
        """
        b, s = input_ids.shape
        x = self.embed_tokens(input_ids)
        freqs = position_ids[:, :, None].float() * self.inv_freq[None, None, :]
        emb = torch.cat([freqs, freqs], dim=-1)[:, None]
        cos, sin = emb.cos(), emb.sin()
        total = attention_mask.shape[1]
        past_len = total - s
        key_pos = torch.arange(total, device=input_ids.device)
        query_pos = torch.arange(s, device=input_ids.device) + past_len
        causal = key_pos[None, :] <= query_pos[:, None]
        allowed = causal[None, None] & attention_mask[:, None, None, :].bool()
        # A large finite negative (not -inf) keeps fully masked padding rows free of NaN.
        bias = torch.zeros(allowed.shape, dtype=x.dtype).masked_fill(~allowed, -1e9)
        presents = []
        for layer, (pk, pv) in zip(self.layers, past):
            x, present = layer(x, cos, sin, bias, pk, pv)
            presents.append(present)
        hidden = self.norm(x)
        if logits_at is not None:
            hidden = hidden[logits_at]
        return self.lm_head(hidden), presents

    def empty_past(self, batch):
        shape = (batch, self.cfg.num_key_value_heads, 0, self.cfg.head_dim)
        return [(torch.zeros(shape), torch.zeros(shape)) for _ in range(self.cfg.num_hidden_layers)]


class OnnxSignature(nn.Module):
    """Flat tensors in and out, in the Optimum input and output order."""

    def __init__(self, decoder):
        super().__init__()
        self.decoder = decoder

    def forward(self, input_ids, attention_mask, position_ids, *past_flat):
        past = [(past_flat[2 * i], past_flat[2 * i + 1]) for i in range(len(past_flat) // 2)]
        logits, presents = self.decoder(input_ids, attention_mask, position_ids, past)
        flat = [t for kv in presents for t in kv]
        return (logits, *flat)


def render(template, messages, add_generation_prompt):
    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True)
    env.globals["raise_exception"] = raise_exception
    return env.from_string(template).render(messages=messages, add_generation_prompt=add_generation_prompt,
                                            bos_token="", eos_token="<|im_end|>")


def training_example(tok, messages):
    """Token ids and labels: the loss covers assistant replies and their <|im_end|> only."""
    ids, labels = [], []
    if messages[0]["role"] != "system":
        messages = [{"role": "system", "content": DEFAULT_SYSTEM}] + messages
    for m in messages:
        head = tok.encode("<|im_start|>" + m["role"] + "\n")
        body = tok.encode(m["content"] + "<|im_end|>")
        tail = tok.encode("\n")
        ids += head + body + tail
        learn = m["role"] == "assistant"
        labels += [-100] * len(head) + (body if learn else [-100] * len(body)) + [-100] * len(tail)
    return ids, labels


def train(model, tok, steps, batch_size, log):
    rng = random.Random(SEED + 1)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, betas=(0.9, 0.95), weight_decay=0.01)
    warmup = max(1, steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warmup) * 0.5 * (1 + math.cos(math.pi * min(s, steps) / steps)))
    model.train()
    start = time.time()
    for step in range(steps):
        batch = [training_example(tok, corpus.dialogue(rng)) for _ in range(batch_size)]
        width = max(len(ids) for ids, _ in batch)
        ids = torch.zeros((batch_size, width), dtype=torch.long)
        labels = torch.full((batch_size, width), -100, dtype=torch.long)
        mask = torch.zeros((batch_size, width), dtype=torch.long)
        for row, (i, l) in enumerate(batch):
            ids[row, :len(i)] = torch.tensor(i)
            labels[row, :len(l)] = torch.tensor(l)
            mask[row, :len(i)] = 1
        positions = torch.arange(width)[None].expand(batch_size, width)
        # Position t predicts token t+1: only positions followed by a learnt token need logits.
        targets = torch.full_like(labels, -100)
        targets[:, :-1] = labels[:, 1:]
        wanted = targets != -100
        logits, _ = model(ids, mask, positions, model.empty_past(batch_size), logits_at=wanted)
        loss = F.cross_entropy(logits, targets[wanted])
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        if step % 50 == 0 or step == steps - 1:
            log(f"step {step}/{steps} loss {loss.item():.4f} ({time.time() - start:.0f}s)")
    model.eval()


@torch.no_grad()
def greedy(model, prompt_ids, max_new_tokens, stop_ids):
    """KV-cached greedy decoding: prefill once, then feed one token per step."""
    past = model.empty_past(1)
    ids = torch.tensor([prompt_ids])
    mask = torch.ones_like(ids)
    positions = torch.arange(len(prompt_ids))[None]
    out = []
    for _ in range(max_new_tokens):
        logits, past = model(ids, mask, positions, past)
        nxt = int(logits[0, -1].argmax())
        out.append(nxt)
        if nxt in stop_ids:
            break
        ids = torch.tensor([[nxt]])
        mask = torch.cat([mask, torch.ones((1, 1), dtype=torch.long)], dim=1)
        positions = torch.tensor([[mask.shape[1] - 1]])
    return out


def export_onnx(model, cfg, out_dir):
    wrapper = OnnxSignature(model).eval()
    b, s, p = 2, 3, 4
    past = [torch.randn(b, cfg.num_key_value_heads, p, cfg.head_dim) for _ in range(2 * cfg.num_hidden_layers)]
    args = (torch.randint(0, cfg.vocab_size, (b, s)), torch.ones((b, p + s), dtype=torch.long),
            torch.arange(p, p + s)[None].expand(b, s).contiguous(), *past)
    inputs = ["input_ids", "attention_mask", "position_ids"]
    outputs = ["logits"]
    axes = {"input_ids": {0: "batch_size", 1: "sequence_length"},
            "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
            "position_ids": {0: "batch_size", 1: "sequence_length"},
            "logits": {0: "batch_size", 1: "sequence_length"}}
    for i in range(cfg.num_hidden_layers):
        for kind in ("key", "value"):
            inputs.append(f"past_key_values.{i}.{kind}")
            outputs.append(f"present.{i}.{kind}")
            axes[f"past_key_values.{i}.{kind}"] = {0: "batch_size", 2: "past_sequence_length"}
            axes[f"present.{i}.{kind}"] = {0: "batch_size", 2: "total_sequence_length"}
    tmp = os.path.join(out_dir, "model.tmp.onnx")
    torch.onnx.export(wrapper, args, tmp, input_names=inputs, output_names=outputs, dynamic_axes=axes,
                      opset_version=14, do_constant_folding=True)
    proto = onnx.load(tmp)
    os.remove(tmp)
    for stale in ("model.onnx", "model.onnx_data"):
        if os.path.exists(os.path.join(out_dir, stale)):
            os.remove(os.path.join(out_dir, stale))
    # Weights in an external file, as Optimum writes them for real models.
    onnx.save_model(proto, os.path.join(out_dir, "model.onnx"), save_as_external_data=True,
                    all_tensors_to_one_file=True, location="model.onnx_data", size_threshold=1024)
    onnx.checker.check_model(os.path.join(out_dir, "model.onnx"))


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=2)
        f.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="fixture directory to (re)write")
    parser.add_argument("--steps", type=int, default=1500, help="training steps (fixed for reproducibility)")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    def log(message):
        print(message, flush=True)

    random.seed(SEED)
    torch.manual_seed(SEED)
    # One thread: OpenMP spinning on a shared 2-core machine made steps 16x slower with two.
    torch.set_num_threads(1)
    cfg = Config()

    log("training the tokenizer")
    texts = corpus.all_texts(random.Random(SEED), 3000) + [DEFAULT_SYSTEM]
    vocab, merges = bpe.train(texts, cfg.vocab_size, SPECIAL_TOKENS)
    cfg.vocab_size = len(vocab)
    tok = bpe.Tokenizer(vocab, merges, SPECIAL_TOKENS)
    endoftext, im_start, im_end = (vocab[t] for t in SPECIAL_TOKENS)
    log(f"vocabulary: {cfg.vocab_size} tokens, {len(merges)} merges")

    model = Decoder(cfg)
    log(f"parameters: {sum(p.numel() for p in model.parameters())}")
    train(model, tok, args.steps, args.batch_size, log)

    log("exporting")
    export_onnx(model, cfg, args.out)
    write_json(os.path.join(args.out, "tokenizer.json"), tok.to_hf_json())
    write_json(os.path.join(args.out, "tokenizer_config.json"), {
        "add_bos_token": False,
        "add_prefix_space": False,
        "added_tokens_decoder": {str(vocab[t]): {"content": t, "lstrip": False, "normalized": False,
                                                 "rstrip": False, "single_word": False, "special": True}
                                 for t in SPECIAL_TOKENS},
        "additional_special_tokens": ["<|im_start|>", "<|im_end|>"],
        "bos_token": None,
        "chat_template": CHAT_TEMPLATE,
        "clean_up_tokenization_spaces": False,
        "eos_token": "<|im_end|>",
        "errors": "replace",
        "model_max_length": cfg.max_position_embeddings,
        "pad_token": "<|endoftext|>",
        "split_special_tokens": False,
        "tokenizer_class": "Qwen2Tokenizer",
        "unk_token": None,
    })
    write_json(os.path.join(args.out, "config.json"), {
        "architectures": ["Qwen2ForCausalLM"],
        "model_type": "qwen2",
        "vocab_size": cfg.vocab_size,
        "hidden_size": cfg.hidden_size,
        "intermediate_size": cfg.intermediate_size,
        "num_hidden_layers": cfg.num_hidden_layers,
        "num_attention_heads": cfg.num_attention_heads,
        "num_key_value_heads": cfg.num_key_value_heads,
        "max_position_embeddings": cfg.max_position_embeddings,
        "rope_theta": cfg.rope_theta,
        "rms_norm_eps": cfg.rms_norm_eps,
        "hidden_act": "silu",
        "tie_word_embeddings": False,
        "bos_token_id": endoftext,
        "eos_token_id": im_end,
        "torch_dtype": "float32",
        "use_cache": True,
    })
    write_json(os.path.join(args.out, "generation_config.json"), {
        "bos_token_id": endoftext,
        "eos_token_id": [im_end, endoftext],
        "pad_token_id": endoftext,
        "do_sample": True,
        "temperature": 0.3,
        "top_p": 0.8,
        "repetition_penalty": 1.1,
    })

    log("writing reference expectations")
    conversations = [
        [{"role": "user", "content": "How long does delivery to Chengdu take?"}],
        [{"role": "user", "content": "寄到杭州要多久？"}],
        [{"role": "system", "content": "你是StreamDesk客服助手。"}, {"role": "user", "content": "笔记本电脑保修多久？"}],
        [{"role": "user", "content": "Where is my order 55012345?"}],
        [{"role": "user", "content": "Hello"}, {"role": "assistant", "content": "Hello! How can I help you today?"},
         {"role": "user", "content": "What is your return policy?"}],
        [{"role": "user", "content": "我想退货。"}],
    ]
    references = []
    for messages in conversations:
        prompt = render(CHAT_TEMPLATE, messages, True)
        prompt_ids = tok.encode(prompt)
        completion = greedy(model, prompt_ids, 48, {im_end, endoftext})
        references.append({
            "messages": messages,
            "prompt": prompt,
            "prompt_ids": prompt_ids,
            "greedy_ids": completion,
            "greedy_text": tok.decode([i for i in completion if i not in (im_end, endoftext)]),
        })
        log(f"{messages[-1]['content']} -> {references[-1]['greedy_text']}")
    write_json(os.path.join(args.out, "reference.json"), {
        "note": "Written by build_model.py: PyTorch greedy continuations (KV-cached) of the exported model.",
        "tokenizer_samples": [{"text": t, "ids": tok.encode(t)} for t in [
            "Hello, world! Delivery takes 3 business days.",
            "您好！寄到乌鲁木齐一般需要7个工作日。",
            "Emoji 🙂 and rare 龘 characters fall back to bytes.",
            "<|im_start|>user\nHi<|im_end|>\n",
        ]],
        "conversations": references,
    })
    log("done")


if __name__ == "__main__":
    main()
