"""The count ROM alone, outside GateLM: how much do slots, row bits and back-off matter?

A numpy model of the hybrid's count ROM with nothing else: orders 1-6, each order's row (exact, or
a multiplicative hash of the context to ROWBITS bits) keeps its S most frequent next bytes with the
same 5-bit confidence levels as GateLM's `CountLevel`; a class's score is a per-class bias plus a
learned vote per (order, slot, level) for each slot that holds it (`add`), or only for the slot of
the highest order that holds it (`backoff`). Training positions see leave-one-out counts. Fitted by
Adam on 4096-position batches; validation bits/byte on the last 10 % of tinyshakespeare.

Usage: python3 count_rom_probe.py SLOTS add|backoff [ROWBITS]   (numpy only; about 3 minutes)
"""
import numpy as np, sys
import os
text = open(os.environ.get('CORPUS', os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../shared/data/tinyshakespeare.txt')),'rb').read()
data = np.frombuffer(text, dtype=np.uint8).astype(np.int64)
n = len(data); split = int(n*0.9)
orders = [1,2,3,4,5,6]; ROWBITS = int(sys.argv[3]) if len(sys.argv)>3 else 14
S = int(sys.argv[1]); MODE = sys.argv[2]  # add | backoff
V = 256
def rows_of(o):
    # hashed context id of the last o bytes for every position p (predicting data[p])
    h = np.zeros(n, dtype=np.int64)
    for j in range(1, o+1):
        prev = np.zeros(n, dtype=np.int64); prev[j:] = data[:-j]
        h = h*1000003 + prev + 1
    if 8*o <= ROWBITS: return h  # exact
    return ((h.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(64-ROWBITS)).astype(np.int64)
def level(cnt, tot):
    tb = np.select([tot<=1, tot<=3, tot<=9, tot<=29], [0,1,2,3], 4)
    n20 = cnt*20
    sb = np.select([n20<3*tot, n20<6*tot, n20<10*tot, n20<14*tot, n20<18*tot], [0,1,2,3,4], 5)
    return 1 + tb*6 + sb
feats = []  # per order: (cls [n,S], lvl [n,S]) with leave-one-out on train
for o in orders:
    r = rows_of(o)
    _, rid = np.unique(r, return_inverse=True)
    R = rid.max()+1
    counts = np.zeros((R, V), dtype=np.int32)
    np.add.at(counts, (rid[:split], data[:split]), 1)
    cls = np.zeros((n,S), dtype=np.int64); lvl = np.zeros((n,S), dtype=np.int64)
    # per position counts (with LOO on train)
    for lo in range(0, n, 100000):
        hi = min(n, lo+100000)
        c = counts[rid[lo:hi]].astype(np.int64)
        idx = np.arange(lo,hi)
        tr = idx < split
        c[np.arange(hi-lo)[tr], data[lo:hi][tr]] -= 1
        tot = c.sum(1)
        order_ = np.argsort(-c, axis=1, kind='stable')[:, :S]
        cc = np.take_along_axis(c, order_, 1)
        L = np.where(cc>0, level(cc, tot[:,None]), 0)
        cls[lo:hi] = order_; lvl[lo:hi] = L
    feats.append((cls, lvl))
    print('order', o, 'rows', R, flush=True)
T = len(orders)
cls = np.stack([f[0] for f in feats], 1)  # n,T,S
lvl = np.stack([f[1] for f in feats], 1)
if MODE == 'backoff':
    # a slot votes only if no higher order holds its class (with a nonzero level)
    for t in range(T):
        for k in range(S):
            blocked = np.zeros(n, bool)
            for u in range(t+1, T):
                for j in range(S):
                    blocked |= (lvl[:,u,j]>0) & (cls[:,u,j]==cls[:,t,k])
            lvl[:,t,k] = np.where(blocked, 0, lvl[:,t,k])
widx = (np.arange(T)[:,None]*S + np.arange(S)[None,:])[None]*32 + lvl  # n,T,S
W = np.zeros(T*S*32); b = np.zeros(V)
rng = np.random.default_rng(0)
tr_idx = np.arange(6, split); va_idx = np.arange(split, n)
def scores(ix):
    s = np.tile(b, (len(ix),1))
    wv = W[widx[ix]] * (lvl[ix]>0)
    np.add.at(s, (np.repeat(np.arange(len(ix)), T*S), cls[ix].reshape(-1)), wv.reshape(-1))
    return s
def loss_grad(ix):
    s = scores(ix); s -= s.max(1, keepdims=True)
    p = np.exp(s); p /= p.sum(1, keepdims=True)
    y = data[ix]
    loss = -np.log(p[np.arange(len(ix)), y]).mean()
    g = p; g[np.arange(len(ix)), y] -= 1; g /= len(ix)
    gb = g.sum(0)
    gs = g[np.repeat(np.arange(len(ix)), T*S), cls[ix].reshape(-1)] * (lvl[ix]>0).reshape(-1)
    gW = np.bincount(widx[ix].reshape(-1), weights=gs, minlength=W.size)
    return loss, gW, gb
m = [np.zeros_like(W), np.zeros_like(b)]; v = [np.zeros_like(W), np.zeros_like(b)]
lr = 0.05
for step in range(1, 1001):
    ix = rng.choice(tr_idx, 4096)
    loss, gW, gb = loss_grad(ix)
    for i,(p_,g_) in enumerate(((W,gW),(b,gb))):
        m[i] = 0.9*m[i] + 0.1*g_; v[i] = 0.999*v[i] + 0.001*g_*g_
        p_ -= lr * (m[i]/(1-0.9**step)) / (np.sqrt(v[i]/(1-0.999**step)) + 1e-8)
    if step % 500 == 0:
        vl = np.mean([loss_grad(va_idx[i:i+20000])[0] for i in range(0, len(va_idx), 20000)])
        print(step, 'train', loss/np.log(2), 'val bits/byte', vl/np.log(2), flush=True)
