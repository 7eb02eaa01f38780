"""Model management: the manifest (models/models.toml), the local layout, download,
CTranslate2 conversion and listing.

Layout of a models directory (see models/README.md):
    <dir>/pt-en/        transformers save_pretrained directory (safetensors)
    <dir>/pt-en-ct2/    the same model converted with CTranslate2
    <dir>/en-pt/, <dir>/en-pt-ct2/
A single model directory (config.json, or a CTranslate2 model.bin) may also be given
directly; it is then used for both directions (tests do this with a tiny model), and a
converted copy may sit beside it in <dir>/ct2/.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tomllib
from pathlib import Path

from backcheck.errors import InputError

DIRECTIONS = ("pt-en", "en-pt")
META = "backcheck-model.json"        # written by download: id, revision, prefix
TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json", "target_vocab.json",
                   "tokenizer_config.json", "special_tokens_map.json", "generation_config.json")
REPO_MODELS = Path(__file__).resolve().parents[3] / "models"


def default_dir() -> Path:
    """$BACKCHECK_MODELS, else ./models, else the checkout's models/ (editable installs)."""
    if os.environ.get("BACKCHECK_MODELS"):
        return Path(os.environ["BACKCHECK_MODELS"])
    local = Path("models")
    return local if local.is_dir() or not REPO_MODELS.is_dir() else REPO_MODELS


def manifest(models_dir: Path | None = None) -> dict:
    """The [direction] tables of models.toml: from models_dir if it has one, else the repo's."""
    for d in (models_dir, REPO_MODELS):
        if d is not None and (Path(d) / "models.toml").is_file():
            p = Path(d) / "models.toml"
            try:
                man = tomllib.loads(p.read_text("utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
                raise InputError(p, f"invalid manifest: {e}") from None
            for direction in DIRECTIONS:
                entry = man.get(direction)
                if entry is not None and not (
                        isinstance(entry, dict) and isinstance(entry.get("id"), str)
                        and isinstance(entry.get("revision"), str)
                        and isinstance(entry.get("prefix", ""), str)):
                    raise InputError(p, f"invalid manifest: [{direction}] must be a table with "
                                        "id and revision strings (and an optional prefix)")
            return man
    return {}


def is_hf(d: Path) -> bool:
    return (d / "config.json").is_file()


def is_ct2(d: Path) -> bool:
    return (d / "model.bin").is_file()


def find(model_dir, direction: str, kind: str) -> Path | None:
    """The directory holding a `kind` ("hf" or "ct2") model for `direction`, or None."""
    root = Path(model_dir) if model_dir else default_dir()
    test = is_ct2 if kind == "ct2" else is_hf
    if kind == "ct2":
        cands = [root / f"{direction}-ct2", root / "ct2", root]
    else:
        cands = [root / direction, root]
    return next((c for c in cands if test(c)), None)


def check_weights(d: Path, allow_pickle: bool) -> None:
    """Refuse pickle checkpoints: loading one can run arbitrary code."""
    if (d / "model.safetensors").is_file() or any(d.glob("model-*.safetensors")):
        return
    if (d / "pytorch_model.bin").is_file() or any(d.glob("pytorch_model-*.bin")):
        if not allow_pickle:
            raise InputError(d, "only a pickle checkpoint (pytorch_model.bin) is present; "
                                "convert it to safetensors, or pass --allow-pickle if you trust it")
        return
    raise InputError(d, "no model weights found (model.safetensors)")


def describe(d: Path, direction: str) -> dict:
    """{"model", "revision", "prefix"} for a model directory: from the metadata written at
    download, else the directory name and a fingerprint of the files (so a changed model
    never reuses stale cache entries)."""
    for meta in (d / META, d.parent / META):
        if meta.is_file():
            try:
                m = json.loads(meta.read_text("utf-8"))
                return {"model": m.get("id", d.name), "revision": m.get("revision", "unknown"),
                        "prefix": m.get("prefix", "")}
            except (json.JSONDecodeError, UnicodeDecodeError):
                break
    h = hashlib.sha256()
    for f in sorted(d.iterdir()):
        if f.is_file():
            st = f.stat()
            h.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return {"model": str(d.resolve()), "revision": "local-" + h.hexdigest()[:12], "prefix": None}


def convert_ct2(src: Path, dst: Path, quantization: str | None = "int8",
            allow_pickle: bool = False) -> Path:
    """Convert a transformers Marian directory for CTranslate2, copying the tokenizer files
    so the converted directory is self-contained."""
    import ctranslate2.converters

    src, dst = Path(src), Path(dst)
    check_weights(src, allow_pickle)
    copy = [f for f in TOKENIZER_FILES if (src / f).is_file()]
    ctranslate2.converters.TransformersConverter(str(src), copy_files=copy).convert(
        str(dst), quantization=quantization, force=True)
    if (src / META).is_file():
        (dst / META).write_text((src / META).read_text("utf-8"), "utf-8")
    return dst


def reachable(endpoint: str, timeout_s: float = 5.0) -> None:
    """One quick connection attempt, so an unreachable hub fails in seconds instead of
    after huggingface_hub's retries with backoff."""
    import socket
    from urllib.parse import urlparse
    u = urlparse(endpoint)
    try:
        socket.create_connection((u.hostname, u.port or (443 if u.scheme == "https" else 80)),
                                 timeout=timeout_s).close()
    except OSError as e:
        raise InputError(endpoint, f"cannot reach the model hub ({e}); check the network, "
                         "or copy the models into place by hand (see models/README.md)") from None


def to_safetensors(d: Path) -> None:
    """Rewrite a trusted pytorch_model.bin as model.safetensors (torch's weights-only
    loader), so later loads never unpickle."""
    import torch
    from safetensors.torch import save_file
    state = torch.load(d / "pytorch_model.bin", map_location="cpu", weights_only=True)
    # tied weights share storage, which safetensors refuses: store independent copies
    save_file({k: v.contiguous().clone() for k, v in state.items()},
              str(d / "model.safetensors"), metadata={"format": "pt"})


def download(models_dir=None, convert: bool = True, allow_pickle: bool = False) -> int:
    """Fetch every pinned model of the manifest into models_dir and convert it. Exit code."""
    root = Path(models_dir) if models_dir else default_dir()
    man = manifest(root)
    if not man:
        raise InputError(root / "models.toml", "no model manifest found")
    # fail fast where the hub cannot be reached, instead of retrying for minutes
    os.environ.setdefault("HF_HUB_ETAG_TIMEOUT", "5")
    os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", "10")
    from huggingface_hub import constants, snapshot_download
    if not constants.HF_HUB_OFFLINE:
        reachable(constants.ENDPOINT)

    patterns = ["*.json", "*.spm", "*.txt", "*.model", "*.safetensors"]
    if allow_pickle:
        patterns.append("*.bin")
    for direction in DIRECTIONS:
        entry = man.get(direction)
        if not entry:
            continue
        dst = root / direction
        print(f"{direction}: {entry['id']} @ {entry['revision']}", file=sys.stderr)
        try:
            snapshot_download(entry["id"], revision=entry["revision"], local_dir=dst,
                              allow_patterns=patterns)
        except Exception as e:  # network, offline mode, missing revision: one clear line
            reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise InputError(entry["id"], f"download failed ({type(e).__name__}: {reason[:200]}); "
                             "check the network or HF_HUB_OFFLINE, or copy the model into "
                             f"{dst} by hand (see models/README.md)") from None
        (dst / META).write_text(json.dumps({k: entry.get(k) for k in ("id", "revision", "prefix")}
                                           | {"direction": direction}), "utf-8")
        check_weights(dst, allow_pickle)
        if allow_pickle and not (dst / "model.safetensors").is_file():
            to_safetensors(dst)
        if convert:
            print(f"{direction}: converting for CTranslate2 (int8)", file=sys.stderr)
            convert_ct2(dst, root / f"{direction}-ct2", "int8", allow_pickle)
    return 0


def list_models(models_dir=None) -> int:
    """Print the manifest and which models are present. Exit code."""
    root = Path(models_dir) if models_dir else default_dir()
    man = manifest(root)
    print(f"models directory: {root.resolve()}")
    for direction in DIRECTIONS:
        entry = man.get(direction, {})
        print(f"{direction}: {entry.get('id', '(not in manifest)')} "
              f"@ {entry.get('revision', '-')}  licence {entry.get('licence', '-')}")
        for kind in ("hf", "ct2"):
            d = find(root, direction, kind)
            label = "transformers" if kind == "hf" else "ctranslate2"
            print(f"  {label:12} {'present: ' + str(d) if d else 'missing'}")
    ap = __import__("shutil").which("apertium")
    print(f"apertium: {'installed: ' + ap if ap else 'not installed'}")
    return 0
