package dev.tributary.sim.theory;

/**
 * Little's Law: L = λW for any stable system observed long enough, whatever the arrival and
 * service laws (J. D. C. Little, "A proof for the queuing formula L = λW", Operations Research 9, 1961).
 */
public final class Little {

    private Little() {
    }

    /** L from λ and W. */
    public static double l(double lambda, double w) {
        return lambda * w;
    }

    /** W from L and λ. */
    public static double w(double l, double lambda) {
        return l / lambda;
    }

    /** Relative gap |L − λW| / L between a measured L and the product of measured λ and W. */
    public static double relativeGap(double l, double lambda, double w) {
        return l == 0 ? Math.abs(lambda * w) : Math.abs(l - lambda * w) / Math.abs(l);
    }
}
