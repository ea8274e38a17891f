namespace Insights.Analytics.Statistics;

/// <summary>The standard normal distribution's quantile function.</summary>
public static class StandardNormal
{
    /// <summary>
    /// z with P(Z ≤ z) = <paramref name="p"/>, for 0 &lt; p &lt; 1: a rational approximation of the inverse
    /// (relative error about 1.2e-9) in three regions: lower tail, centre, upper tail.
    /// </summary>
    public static double Quantile(double p)
    {
        if (p is <= 0 or >= 1 || double.IsNaN(p))
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1.");
        const double low = 0.02425;
        double z;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            z = Tail(q);
        }
        else if (p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            z = -Tail(q);
        }
        else
        {
            var q = p - 0.5;
            var r = q * q;
            z = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
        }
        return z;
    }

    private static double Tail(double q) =>
        (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
        / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1);
}
