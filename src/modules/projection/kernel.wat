;; The Monte Carlo in WebAssembly SIMD: eight simulations at once, as two f32x4 halves A (simulations
;; 0–3 of a batch) and B (4–7). Compiled to kernel-wasm.ts by build-kernel.mjs; montecarlo-wasm.ts lays
;; the problem out and calls `run`, which does whole simulations: national, state and transfer errors,
;; every seat's winner, wins per entry, seats per bloc and group, their histograms, and targets, so no
;; JavaScript runs between simulations. Same model as the JS kernel (montecarlo.ts) in 32-bit floats.
;;
;; Random numbers: four xoshiro128+ streams, one per i32 lane. One step gives each lane 32 bits; the top
;; 16 index the quantile table for half A, the low 16 for half B, so one step serves one entry in all
;; eight simulations (no padding, no wasted bits). Tables hold 65,536 quantiles at the midpoints
;; (i + 0.5) / 65536 (random.ts). WebAssembly has no gather: the eight lookups are lane loads, their
;; indices read from the step as two i64 halves (two extractions instead of eight, measured ~7% faster).
;;
;; Memory: the header (i32 unless marked) at 0, the tables at fixed addresses, then the arrays:
;;      0 S seats     4 K blocs     8 P pairs   12 G groups   16 ss    20 mean   24 pair   28 boff
;;     32 partner    36 pnat       40 tsd      44 nat        48 slots  52 wins   56 sw     60 gw
;;     64 bgrp       68 hist       72 ghist    76 wn         80 tgt    84 T      88 tlist  92 hits
;;     96 rng       108 natSd f32  112 stateSd f32           128 scratch (32 bytes)
;;    256 the seat-error table f32[65536], pre-scaled by the seat sd (read as offset=256)
;; 262400 the standard normal table f32[65536] (offset=262400); both are NT and NN in montecarlo-wasm.ts
;; Arrays (addresses in the header):
;;   ss     i32[S+1]     first entry of each seat (seats ordered by entry count, so the entry loop's exit
;;                       branch is predictable); a seat's entries are sorted by share, strongest first
;;   mean   f32x4[E]     projected share per entry, in all four lanes
;;   pair   i32[E]       address of the entry's (state, bloc) slot
;;   boff   i32[E]       address of the entry's bloc in sw
;;   partner f32[E]      transfer exposure per entry (header 0: no transfer uncertainty)
;;   pnat   i32[P]       address of each pair's bloc in nat;  tsd f32[P] transfer-rate sd per pair
;;   nat    f32x4[K][2]  national error per bloc (A, B)
;;   slots  f32x4[P][4]  per pair: national + state error (A, B), transfer deviation (A, B)
;;   wins   i32x4[E][2]  wins per entry (A, B), accumulated over batches
;;   sw     i32x4[K][2]  seats won per bloc in this batch;  gw i32x4[G][2] per group;  bgrp i32[K] address in gw
;;   hist   i32[K][S+1]  and ghist i32[G][S+1]: simulations in which bloc (group) won n seats
;;   wn     i32x4[S][2]  winner of each seat in this batch, as entry + 1 (0: none)
;;   tgt    i32[T][4]    targets: kind 0 counts the i32x4[2] at address a; kind 2 counts the (wn address,
;;                       entry + 1) pairs of tlist [a, b) that won; then the seats to reach
;;   hits   i32[T]       simulations in which each target was reached
;;   rng    i32x4[4]     generator state words s0..s3
(module
  (memory (export "memory") 1)

  ;; n normal draws (A, B) × sd (or × the per-item sd at sdPtr), plus the pair of f32x4 at the address
  ;; read from addPtr (if any), stored at dst with the given stride.
  (func $draws (param $dst i32) (param $n i32) (param $stride i32) (param $sd f32) (param $sdPtr i32) (param $addPtr i32)
    (local $k i32) (local $rng i32) (local $add i32) (local $idx v128) (local $x v128) (local $y v128) (local $scale v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $t v128) (local $r v128)
    (local.set $rng (i32.load offset=96 (i32.const 0)))
    (local.set $s0 (v128.load offset=0 (local.get $rng)))
    (local.set $s1 (v128.load offset=16 (local.get $rng)))
    (local.set $s2 (v128.load offset=32 (local.get $rng)))
    (local.set $s3 (v128.load offset=48 (local.get $rng)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $r (i32x4.add (local.get $s0) (local.get $s3)))
        (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
        (local.set $scale (f32x4.splat (if (result f32) (local.get $sdPtr)
          (then (f32.load (i32.add (local.get $sdPtr) (i32.shl (local.get $k) (i32.const 2)))))
          (else (local.get $sd)))))
        ;; A: the top 16 bits, as a byte offset into the table
        (local.set $idx (i32x4.shl (i32x4.shr_u (local.get $r) (i32.const 16)) (i32.const 2)))
        (local.set $x (v128.load32_zero offset=262400 (i32x4.extract_lane 0 (local.get $idx))))
        (local.set $x (v128.load32_lane offset=262400 1 (i32x4.extract_lane 1 (local.get $idx)) (local.get $x)))
        (local.set $x (v128.load32_lane offset=262400 2 (i32x4.extract_lane 2 (local.get $idx)) (local.get $x)))
        (local.set $x (v128.load32_lane offset=262400 3 (i32x4.extract_lane 3 (local.get $idx)) (local.get $x)))
        ;; B: the low 16 bits
        (local.set $idx (i32x4.shr_u (i32x4.shl (local.get $r) (i32.const 16)) (i32.const 14)))
        (local.set $y (v128.load32_zero offset=262400 (i32x4.extract_lane 0 (local.get $idx))))
        (local.set $y (v128.load32_lane offset=262400 1 (i32x4.extract_lane 1 (local.get $idx)) (local.get $y)))
        (local.set $y (v128.load32_lane offset=262400 2 (i32x4.extract_lane 2 (local.get $idx)) (local.get $y)))
        (local.set $y (v128.load32_lane offset=262400 3 (i32x4.extract_lane 3 (local.get $idx)) (local.get $y)))
        (local.set $x (f32x4.mul (local.get $x) (local.get $scale)))
        (local.set $y (f32x4.mul (local.get $y) (local.get $scale)))
        (if (local.get $addPtr)
          (then
            (local.set $add (i32.load (i32.add (local.get $addPtr) (i32.shl (local.get $k) (i32.const 2)))))
            (local.set $x (f32x4.add (local.get $x) (v128.load offset=0 (local.get $add))))
            (local.set $y (f32x4.add (local.get $y) (v128.load offset=16 (local.get $add))))))
        (local.set $add (i32.add (local.get $dst) (i32.mul (local.get $k) (local.get $stride))))
        (v128.store offset=0 (local.get $add) (local.get $x))
        (v128.store offset=16 (local.get $add) (local.get $y))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (v128.store offset=0 (local.get $rng) (local.get $s0))
    (v128.store offset=16 (local.get $rng) (local.get $s1))
    (v128.store offset=32 (local.get $rng) (local.get $s2))
    (v128.store offset=48 (local.get $rng) (local.get $s3)))

  ;; Every seat's winner in the eight simulations, and the batch's tallies: wins per entry, seats per bloc.
  (func $seats
    (local $S i32) (local $ss i32) (local $mean i32) (local $pair i32) (local $boff i32) (local $partner i32)
    (local $wins i32) (local $wn i32) (local $rng i32)
    (local $i i32) (local $e i32) (local $end i32) (local $p i32) (local $at i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $t v128) (local $r v128)
    (local $idx v128) (local $m v128) (local $mean4 v128) (local $one v128) (local $eVec v128)
    (local $aA v128) (local $aB v128) (local $vA v128) (local $vB v128) (local $x i64)
    (local $bestA v128) (local $bestB v128) (local $bestEA v128) (local $bestEB v128)
    (local.set $S (i32.load offset=0 (i32.const 0)))
    (local.set $ss (i32.load offset=16 (i32.const 0)))
    (local.set $mean (i32.load offset=20 (i32.const 0)))
    (local.set $pair (i32.load offset=24 (i32.const 0)))
    (local.set $boff (i32.load offset=28 (i32.const 0)))
    (local.set $partner (i32.load offset=32 (i32.const 0)))
    (local.set $wins (i32.load offset=52 (i32.const 0)))
    (local.set $wn (i32.load offset=76 (i32.const 0)))
    (local.set $rng (i32.load offset=96 (i32.const 0)))
    (local.set $one (i32x4.splat (i32.const 1)))
    (local.set $s0 (v128.load offset=0 (local.get $rng)))
    (local.set $s1 (v128.load offset=16 (local.get $rng)))
    (local.set $s2 (v128.load offset=32 (local.get $rng)))
    (local.set $s3 (v128.load offset=48 (local.get $rng)))
    (block $seats_done
      (loop $seats
        (br_if $seats_done (i32.ge_u (local.get $i) (local.get $S)))
        (local.set $e (i32.load (i32.add (local.get $ss) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $ss) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $bestA (f32x4.splat (f32.const -inf)))
        (local.set $bestB (f32x4.splat (f32.const -inf)))
        (local.set $bestEA (v128.const i32x4 0 0 0 0))
        (local.set $bestEB (v128.const i32x4 0 0 0 0))
        (local.set $eVec (i32x4.splat (local.get $e)))
        (block $entries_done
          (loop $entries
            (br_if $entries_done (i32.ge_u (local.get $e) (local.get $end)))
            (local.set $r (i32x4.add (local.get $s0) (local.get $s3)))
            (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
            (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
            (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
            (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
            (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
            (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
            (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
            ;; a = share + national and state error (+ transfer deviation × exposure), per half
            (local.set $at (i32.shl (local.get $e) (i32.const 2)))
            (local.set $p (i32.load (i32.add (local.get $pair) (local.get $at))))
            (local.set $mean4 (v128.load (i32.add (local.get $mean) (i32.shl (local.get $at) (i32.const 2)))))
            (local.set $aA (f32x4.add (local.get $mean4) (v128.load offset=0 (local.get $p))))
            (local.set $aB (f32x4.add (local.get $mean4) (v128.load offset=16 (local.get $p))))
            (if (local.get $partner)
              (then
                (local.set $mean4 (f32x4.splat (f32.load (i32.add (local.get $partner) (local.get $at)))))
                (local.set $aA (f32x4.add (local.get $aA) (f32x4.mul (local.get $mean4) (v128.load offset=32 (local.get $p)))))
                (local.set $aB (f32x4.add (local.get $aB) (f32x4.mul (local.get $mean4) (v128.load offset=48 (local.get $p)))))))
            ;; seat error: A from the top 16 bits of each lane, B from the low 16, as byte offsets into the
            ;; table; lanes are read as two i64 halves (two extractions instead of eight)
            (local.set $x (i64x2.extract_lane 0 (local.get $r)))
            (local.set $vA (v128.load32_zero offset=256 (i32.and (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 14))) (i32.const 0x3fffc))))
            (local.set $vB (v128.load32_zero offset=256 (i32.and (i32.shl (i32.wrap_i64 (local.get $x)) (i32.const 2)) (i32.const 0x3fffc))))
            (local.set $vA (v128.load32_lane offset=256 1 (i32.and (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 46))) (i32.const 0x3fffc)) (local.get $vA)))
            (local.set $vB (v128.load32_lane offset=256 1 (i32.and (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 30))) (i32.const 0x3fffc)) (local.get $vB)))
            (local.set $x (i64x2.extract_lane 1 (local.get $r)))
            (local.set $vA (v128.load32_lane offset=256 2 (i32.and (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 14))) (i32.const 0x3fffc)) (local.get $vA)))
            (local.set $vB (v128.load32_lane offset=256 2 (i32.and (i32.shl (i32.wrap_i64 (local.get $x)) (i32.const 2)) (i32.const 0x3fffc)) (local.get $vB)))
            (local.set $vA (v128.load32_lane offset=256 3 (i32.and (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 46))) (i32.const 0x3fffc)) (local.get $vA)))
            (local.set $vB (v128.load32_lane offset=256 3 (i32.and (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 30))) (i32.const 0x3fffc)) (local.get $vB)))
            (local.set $vA (f32x4.add (local.get $aA) (local.get $vA)))
            (local.set $vB (f32x4.add (local.get $aB) (local.get $vB)))
            ;; strictly greater takes the lead, so the first of equal entries wins; entries come in index
            ;; order, so the newest leader has the largest index and max() records it
            (local.set $eVec (i32x4.add (local.get $eVec) (local.get $one)))
            (local.set $bestEA (i32x4.max_s (local.get $bestEA) (v128.and (local.get $eVec) (f32x4.gt (local.get $vA) (local.get $bestA)))))
            (local.set $bestEB (i32x4.max_s (local.get $bestEB) (v128.and (local.get $eVec) (f32x4.gt (local.get $vB) (local.get $bestB)))))
            (local.set $bestA (f32x4.pmax (local.get $bestA) (local.get $vA)))
            (local.set $bestB (f32x4.pmax (local.get $bestB) (local.get $vB)))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $entries)))
        ;; tally: each entry's winning lanes add one to its wins and to its bloc's seats
        (local.set $e (i32.load (i32.add (local.get $ss) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $eVec (i32x4.splat (local.get $e)))
        (block $tally_done
          (loop $tally
            (br_if $tally_done (i32.ge_u (local.get $e) (local.get $end)))
            (local.set $eVec (i32x4.add (local.get $eVec) (local.get $one)))
            (local.set $at (i32.add (local.get $wins) (i32.shl (local.get $e) (i32.const 5))))
            (local.set $p (i32.load (i32.add (local.get $boff) (i32.shl (local.get $e) (i32.const 2)))))
            (local.set $m (i32x4.eq (local.get $bestEA) (local.get $eVec)))
            (v128.store offset=0 (local.get $at) (i32x4.sub (v128.load offset=0 (local.get $at)) (local.get $m)))
            (v128.store offset=0 (local.get $p) (i32x4.sub (v128.load offset=0 (local.get $p)) (local.get $m)))
            (local.set $m (i32x4.eq (local.get $bestEB) (local.get $eVec)))
            (v128.store offset=16 (local.get $at) (i32x4.sub (v128.load offset=16 (local.get $at)) (local.get $m)))
            (v128.store offset=16 (local.get $p) (i32x4.sub (v128.load offset=16 (local.get $p)) (local.get $m)))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $tally)))
        (local.set $at (i32.add (local.get $wn) (i32.shl (local.get $i) (i32.const 5))))
        (v128.store offset=0 (local.get $at) (local.get $bestEA))
        (v128.store offset=16 (local.get $at) (local.get $bestEB))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $seats)))
    (v128.store offset=0 (local.get $rng) (local.get $s0))
    (v128.store offset=16 (local.get $rng) (local.get $s1))
    (v128.store offset=32 (local.get $rng) (local.get $s2))
    (v128.store offset=48 (local.get $rng) (local.get $s3)))

  ;; hist[b × (S + 1) + n] += 1 for the first nl of the eight counts (i32x4 × 2) of each of count items at src.
  (func $histogram (param $src i32) (param $count i32) (param $hist i32) (param $nl i32)
    (local $b i32) (local $l i32) (local $at i32) (local $row i32)
    (local.set $row (i32.shl (i32.add (i32.load offset=0 (i32.const 0)) (i32.const 1)) (i32.const 2)))
    (block $done
      (loop $items
        (br_if $done (i32.ge_u (local.get $b) (local.get $count)))
        (local.set $l (i32.const 0))
        (block $lanes_done
          (loop $lanes
            (br_if $lanes_done (i32.ge_u (local.get $l) (local.get $nl)))
            (local.set $at (i32.add (i32.add (local.get $hist) (i32.mul (local.get $b) (local.get $row)))
              (i32.shl (i32.load (i32.add (i32.add (local.get $src) (i32.shl (local.get $b) (i32.const 5))) (i32.shl (local.get $l) (i32.const 2)))) (i32.const 2))))
            (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
            (local.set $l (i32.add (local.get $l) (i32.const 1)))
            (br $lanes)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $items))))

  ;; Group seats from bloc seats, both histograms, and targets, for the first nl simulations of the batch.
  (func $tally (param $nl i32)
    (local $K i32) (local $G i32) (local $sw i32) (local $gw i32) (local $bgrp i32) (local $k i32) (local $at i32) (local $src i32)
    (local $tgt i32) (local $T i32) (local $tlist i32) (local $hits i32) (local $j i32) (local $l i32)
    (local $cA v128) (local $cB v128) (local $w v128)
    (local.set $K (i32.load offset=4 (i32.const 0)))
    (local.set $G (i32.load offset=12 (i32.const 0)))
    (local.set $sw (i32.load offset=56 (i32.const 0)))
    (local.set $gw (i32.load offset=60 (i32.const 0)))
    (local.set $bgrp (i32.load offset=64 (i32.const 0)))
    (call $histogram (local.get $sw) (local.get $K) (i32.load offset=68 (i32.const 0)) (local.get $nl))
    (if (local.get $G)
      (then
        (local.set $k (i32.const 0))
        (block $zd (loop $z
          (br_if $zd (i32.ge_u (local.get $k) (local.get $G)))
          (local.set $at (i32.add (local.get $gw) (i32.shl (local.get $k) (i32.const 5))))
          (v128.store offset=0 (local.get $at) (v128.const i32x4 0 0 0 0))
          (v128.store offset=16 (local.get $at) (v128.const i32x4 0 0 0 0))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $z)))
        (local.set $k (i32.const 0))
        (block $sd (loop $s
          (br_if $sd (i32.ge_u (local.get $k) (local.get $K)))
          (local.set $at (i32.load (i32.add (local.get $bgrp) (i32.shl (local.get $k) (i32.const 2)))))
          (local.set $src (i32.add (local.get $sw) (i32.shl (local.get $k) (i32.const 5))))
          (v128.store offset=0 (local.get $at) (i32x4.add (v128.load offset=0 (local.get $at)) (v128.load offset=0 (local.get $src))))
          (v128.store offset=16 (local.get $at) (i32x4.add (v128.load offset=16 (local.get $at)) (v128.load offset=16 (local.get $src))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $s)))
        (call $histogram (local.get $gw) (local.get $G) (i32.load offset=72 (i32.const 0)) (local.get $nl))))
    (local.set $tgt (i32.load offset=80 (i32.const 0)))
    (local.set $T (i32.load offset=84 (i32.const 0)))
    (local.set $tlist (i32.load offset=88 (i32.const 0)))
    (local.set $hits (i32.load offset=92 (i32.const 0)))
    (local.set $k (i32.const 0))
    (block $td (loop $t
      (br_if $td (i32.ge_u (local.get $k) (local.get $T)))
      (local.set $at (i32.add (local.get $tgt) (i32.shl (local.get $k) (i32.const 4))))
      (if (i32.eqz (i32.load (local.get $at)))
        (then
          (local.set $cA (v128.load offset=0 (i32.load offset=4 (local.get $at))))
          (local.set $cB (v128.load offset=16 (i32.load offset=4 (local.get $at)))))
        (else
          (local.set $cA (v128.const i32x4 0 0 0 0))
          (local.set $cB (v128.const i32x4 0 0 0 0))
          (local.set $j (i32.load offset=4 (local.get $at)))
          (block $ld (loop $list
            (br_if $ld (i32.ge_u (local.get $j) (i32.load offset=8 (local.get $at))))
            (local.set $src (i32.load (i32.add (local.get $tlist) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $w (i32x4.splat (i32.load offset=4 (i32.add (local.get $tlist) (i32.shl (local.get $j) (i32.const 3))))))
            (local.set $cA (i32x4.sub (local.get $cA) (i32x4.eq (v128.load offset=0 (local.get $src)) (local.get $w))))
            (local.set $cB (i32x4.sub (local.get $cB) (i32x4.eq (v128.load offset=16 (local.get $src)) (local.get $w))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $list)))))
      (local.set $w (i32x4.splat (i32.load offset=12 (local.get $at))))
      (v128.store offset=128 (i32.const 0) (i32x4.ge_s (local.get $cA) (local.get $w)))
      (v128.store offset=144 (i32.const 0) (i32x4.ge_s (local.get $cB) (local.get $w)))
      (local.set $j (i32.add (local.get $hits) (i32.shl (local.get $k) (i32.const 2))))
      (local.set $l (i32.const 0))
      (block $lnd (loop $ln
        (br_if $lnd (i32.ge_u (local.get $l) (local.get $nl)))
        (i32.store (local.get $j) (i32.sub (i32.load (local.get $j)) (i32.load offset=128 (i32.shl (local.get $l) (i32.const 2)))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $ln)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $t))))

  ;; nb batches of eight simulations; the tallies count the first nl of each batch.
  (func (export "run") (param $nb i32) (param $nl i32)
    (local $n i32) (local $k i32) (local $sw i32) (local $K i32) (local $P i32) (local $slots i32)
    (local.set $K (i32.load offset=4 (i32.const 0)))
    (local.set $P (i32.load offset=8 (i32.const 0)))
    (local.set $sw (i32.load offset=56 (i32.const 0)))
    (local.set $slots (i32.load offset=48 (i32.const 0)))
    (block $done
      (loop $batch
        (br_if $done (i32.ge_u (local.get $n) (local.get $nb)))
        (local.set $k (i32.const 0))
        (block $zd (loop $z
          (br_if $zd (i32.ge_u (local.get $k) (i32.shl (local.get $K) (i32.const 1))))
          (v128.store (i32.add (local.get $sw) (i32.shl (local.get $k) (i32.const 4))) (v128.const i32x4 0 0 0 0))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $z)))
        (call $draws (i32.load offset=44 (i32.const 0)) (local.get $K) (i32.const 32) (f32.load offset=108 (i32.const 0)) (i32.const 0) (i32.const 0))
        (call $draws (local.get $slots) (local.get $P) (i32.const 64) (f32.load offset=112 (i32.const 0)) (i32.const 0) (i32.load offset=36 (i32.const 0)))
        (if (i32.load offset=40 (i32.const 0))
          (then (call $draws (i32.add (local.get $slots) (i32.const 32)) (local.get $P) (i32.const 64) (f32.const 0) (i32.load offset=40 (i32.const 0)) (i32.const 0))))
        (call $seats)
        (call $tally (local.get $nl))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $batch))))
)
