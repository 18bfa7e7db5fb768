;; The Monte Carlo seat loop in WebAssembly SIMD: four simulations at once, one per 32-bit lane.
;; Compiled to kernel-wasm.ts by scripts in bench/README.md (wat2wasm from the wabt package,
;; --enable-simd is the default there). Every lane runs its own xoshiro128+ stream.
;;
;; Memory layout (byte offsets passed by montecarlo-wasm.ts):
;;   $ss    i32[S+1]   first entry of each seat; each seat's entries are padded to an even count
;;                     with an entry of mean −∞ (two entries share one random step, 16 bits each)
;;   $mean  f32[E]     projected share per entry
;;   $pair  i32[E]     byte offset of the entry's (state, bloc) pair in $off
;;   $bloc  i32[E]     bloc of each entry
;;   $off   f32x4[P]   national + state error of each pair, one lane per simulation
;;   $nt    f32[65536] seat-error quantile table, pre-scaled by the seat sd
;;   $wins  i32[E]     wins per entry (accumulated)
;;   $sw    i32[4][K]  seats won per bloc, per lane (zeroed by the caller)
;;   $wn    i32[S][4]  winner bloc of each seat, per lane
;;   $rng   i32x4[4]   generator state words s0..s3, one lane per stream
;;   $nl    lanes to tally (4, or fewer in a run's last batch)
(module
  (memory (export "memory") 1)
  (func (export "batch")
    (param $S i32) (param $ss i32) (param $mean i32) (param $pair i32) (param $bloc i32)
    (param $off i32) (param $nt i32) (param $wins i32) (param $sw i32) (param $K i32) (param $wn i32) (param $rng i32) (param $nl i32)
    (local $i i32) (local $e i32) (local $end i32) (local $lane i32) (local $w i32) (local $b i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $t v128) (local $r v128)
    (local $idx v128) (local $noise v128) (local $v v128) (local $m v128) (local $best v128) (local $bestE v128)
    (local.set $s0 (v128.load offset=0 (local.get $rng)))
    (local.set $s1 (v128.load offset=16 (local.get $rng)))
    (local.set $s2 (v128.load offset=32 (local.get $rng)))
    (local.set $s3 (v128.load offset=48 (local.get $rng)))
    (local.set $i (i32.const 0))
    (block $seats_done
      (loop $seats
        (br_if $seats_done (i32.ge_u (local.get $i) (local.get $S)))
        (local.set $e (i32.load (i32.add (local.get $ss) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $ss) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $best (f32x4.splat (f32.const -inf)))
        (local.set $bestE (i32x4.splat (i32.const -1)))
        (block $entries_done
          (loop $entries
            (br_if $entries_done (i32.ge_u (local.get $e) (local.get $end)))
            ;; one xoshiro128+ step on four lanes serves two entries: r = s0 + s3
            (local.set $r (i32x4.add (local.get $s0) (local.get $s3)))
            (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
            (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
            (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
            (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
            (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
            (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
            (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
            ;; entry e: the top 16 bits index the table (byte offset = index × 4)
            (local.set $idx (i32x4.shl (i32x4.shr_u (local.get $r) (i32.const 16)) (i32.const 2)))
            (local.set $noise (f32x4.splat (f32.load (i32.add (local.get $nt) (i32x4.extract_lane 0 (local.get $idx))))))
            (local.set $noise (f32x4.replace_lane 1 (local.get $noise) (f32.load (i32.add (local.get $nt) (i32x4.extract_lane 1 (local.get $idx))))))
            (local.set $noise (f32x4.replace_lane 2 (local.get $noise) (f32.load (i32.add (local.get $nt) (i32x4.extract_lane 2 (local.get $idx))))))
            (local.set $noise (f32x4.replace_lane 3 (local.get $noise) (f32.load (i32.add (local.get $nt) (i32x4.extract_lane 3 (local.get $idx))))))
            (local.set $v (f32x4.add
              (f32x4.add
                (f32x4.splat (f32.load (i32.add (local.get $mean) (i32.shl (local.get $e) (i32.const 2)))))
                (v128.load (i32.add (local.get $off) (i32.load (i32.add (local.get $pair) (i32.shl (local.get $e) (i32.const 2)))))))
              (local.get $noise)))
            (local.set $m (f32x4.gt (local.get $v) (local.get $best)))
            (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $m)))
            (local.set $bestE (v128.bitselect (i32x4.splat (local.get $e)) (local.get $bestE) (local.get $m)))
            ;; entry e + 1 (seats are padded to pairs): the low 16 bits
            (local.set $idx (i32x4.shl (v128.and (local.get $r) (v128.const i32x4 0xffff 0xffff 0xffff 0xffff)) (i32.const 2)))
            (local.set $noise (f32x4.splat (f32.load (i32.add (local.get $nt) (i32x4.extract_lane 0 (local.get $idx))))))
            (local.set $noise (f32x4.replace_lane 1 (local.get $noise) (f32.load (i32.add (local.get $nt) (i32x4.extract_lane 1 (local.get $idx))))))
            (local.set $noise (f32x4.replace_lane 2 (local.get $noise) (f32.load (i32.add (local.get $nt) (i32x4.extract_lane 2 (local.get $idx))))))
            (local.set $noise (f32x4.replace_lane 3 (local.get $noise) (f32.load (i32.add (local.get $nt) (i32x4.extract_lane 3 (local.get $idx))))))
            (local.set $v (f32x4.add
              (f32x4.add
                (f32x4.splat (f32.load (i32.add (local.get $mean) (i32.shl (i32.add (local.get $e) (i32.const 1)) (i32.const 2)))))
                (v128.load (i32.add (local.get $off) (i32.load (i32.add (local.get $pair) (i32.shl (i32.add (local.get $e) (i32.const 1)) (i32.const 2)))))))
              (local.get $noise)))
            (local.set $m (f32x4.gt (local.get $v) (local.get $best)))
            (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $m)))
            (local.set $bestE (v128.bitselect (i32x4.splat (i32.add (local.get $e) (i32.const 1))) (local.get $bestE) (local.get $m)))
            (local.set $e (i32.add (local.get $e) (i32.const 2)))
            (br $entries)))
        (v128.store (i32.add (local.get $wn) (i32.shl (local.get $i) (i32.const 4))) (local.get $bestE))
        ;; tally each used lane's winner: wins[entry]++, seats won[lane][bloc]++, winner bloc
        (local.set $lane (i32.const 0))
        (block $lanes_done
          (loop $lanes
            (br_if $lanes_done (i32.ge_u (local.get $lane) (local.get $nl)))
            (local.set $w (i32.load (i32.add (i32.add (local.get $wn) (i32.shl (local.get $i) (i32.const 4))) (i32.shl (local.get $lane) (i32.const 2)))))
            (if (i32.ge_s (local.get $w) (i32.const 0))
              (then
                (i32.store (i32.add (local.get $wins) (i32.shl (local.get $w) (i32.const 2)))
                  (i32.add (i32.load (i32.add (local.get $wins) (i32.shl (local.get $w) (i32.const 2)))) (i32.const 1)))
                (local.set $b (i32.load (i32.add (local.get $bloc) (i32.shl (local.get $w) (i32.const 2)))))
                (i32.store (i32.add (i32.add (local.get $wn) (i32.shl (local.get $i) (i32.const 4))) (i32.shl (local.get $lane) (i32.const 2))) (local.get $b))
                (local.set $b (i32.add (local.get $sw) (i32.shl (i32.add (i32.mul (local.get $lane) (local.get $K)) (local.get $b)) (i32.const 2))))
                (i32.store (local.get $b) (i32.add (i32.load (local.get $b)) (i32.const 1)))))
            (local.set $lane (i32.add (local.get $lane) (i32.const 1)))
            (br $lanes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $seats)))
    (v128.store offset=0 (local.get $rng) (local.get $s0))
    (v128.store offset=16 (local.get $rng) (local.get $s1))
    (v128.store offset=32 (local.get $rng) (local.get $s2))
    (v128.store offset=48 (local.get $rng) (local.get $s3)))
)
