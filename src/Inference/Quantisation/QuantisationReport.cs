namespace Insights.Inference.Quantisation;

/// <summary>
/// How an int8 model was made: the float file it came from (by sha256; a changed float file
/// rebuilds it), how many Convs were quantised, the calibration, the gate's verdict and the time taken.
/// </summary>
public sealed record QuantisationReport(
    string FloatSha256,
    string Version,
    int QuantisedConvs,
    int Convs,
    int CalibrationImages,
    string Calibration,
    Int8GateResult Gate,
    double Seconds);
