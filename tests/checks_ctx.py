"""Hand-built check contexts for the coverage/meaning/consolidation tests: sentences,
hand-written translations and beads, without the segmenter, translator or aligner."""
from __future__ import annotations

from backcheck.align import Bead
from backcheck.checks import Context
from backcheck.config import Config
from backcheck.segment import Segment, Segmented


def make_ctx(rows, field="body", partial=False, scorer=None, translated=True):
    """rows: one per bead, (pt sentences, en sentences, pt2en, en2pt[, score]) with
    the translations as lists parallel to the sentences. Bead k lies in paragraph k."""
    pt, en, p2e, e2p, beads = [], [], [], [], []
    for k, row in enumerate(rows):
        ps, es, pts, ens = row[:4]
        score = row[4] if len(row) > 4 else None
        para = k if field == "body" else None
        src = tuple(range(len(pt), len(pt) + len(ps)))
        tgt = tuple(range(len(en), len(en) + len(es)))
        pt += [Segment("pt", field, para, s) for s in ps]
        en += [Segment("en", field, para, s) for s in es]
        p2e += list(pts)
        e2p += list(ens)
        beads.append(Bead(src, tgt, score))
    return Context(None, Segmented(pt, en), p2e if translated else None,
                   e2p if translated else None, beads, Config(), partial, scorer)
