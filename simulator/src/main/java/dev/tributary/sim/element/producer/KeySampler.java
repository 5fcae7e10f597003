package dev.tributary.sim.element.producer;

import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.value.KeySpec;

/**
 * Draws key indices: uniform, or Zipf through Walker's alias method (Vose's O(n) construction,
 * "A linear algorithm for generating random numbers with a given distribution", IEEE TSE 1991) so
 * that each draw costs O(1) whatever the key count.
 */
final class KeySampler {

    private final int count;
    private final double[] prob;
    private final int[] alias;

    KeySampler(KeySpec spec) {
        this.count = spec.count();
        if (spec instanceof KeySpec.ZipfKeys) {
            double[] p = spec.probabilities();
            prob = new double[count];
            alias = new int[count];
            int[] small = new int[count];
            int[] large = new int[count];
            int ns = 0;
            int nl = 0;
            double[] scaled = new double[count];
            for (int i = 0; i < count; i++) {
                scaled[i] = p[i] * count;
                if (scaled[i] < 1) {
                    small[ns++] = i;
                } else {
                    large[nl++] = i;
                }
            }
            while (ns > 0 && nl > 0) {
                int s = small[--ns];
                int l = large[--nl];
                prob[s] = scaled[s];
                alias[s] = l;
                scaled[l] = scaled[l] + scaled[s] - 1;
                if (scaled[l] < 1) {
                    small[ns++] = l;
                } else {
                    large[nl++] = l;
                }
            }
            while (nl > 0) {
                prob[large[--nl]] = 1;
            }
            while (ns > 0) {
                prob[small[--ns]] = 1;
            }
        } else {
            prob = null;
            alias = null;
        }
    }

    /** The next key index, or -1 for unkeyed events. */
    int next(RandomStream r) {
        if (count == 0) {
            return -1;
        }
        int i = r.nextInt(count);
        if (prob == null) {
            return i;
        }
        return r.nextDouble() < prob[i] ? i : alias[i];
    }
}
