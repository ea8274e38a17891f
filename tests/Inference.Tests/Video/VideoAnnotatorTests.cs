using System.Diagnostics;
using System.Text.Json;
using Insights.Inference.Imaging;
using Insights.Inference.Video;
using Insights.Inference.Vision;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Insights.Inference.Tests.Video;

/// <summary>Frame sampling and decoding on clips generated with ffmpeg's test source, and a whole clip through the models.</summary>
[Collection("models")]
public sealed class VideoAnnotatorTests(ModelsFixture models) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("insights-video-").FullName;
    private readonly LabelOptions _options = new();

    private VideoFrameReader Reader() => new(new FfmpegTools(MsOptions.Create(_options), MsOptions.Create(models.Options)), MsOptions.Create(_options));

    private VideoAnnotator Annotator() => new(new ImageAnnotator(models.Sessions, new ImageDecoder(MsOptions.Create(_options)), MsOptions.Create(_options)), Reader(), MsOptions.Create(_options));

    [Fact]
    public async Task SevenSecondClip_IsSampledAt1_3_5Seconds_AtItsOwnSize()
    {
        var clip = Generate("seven.mp4", seconds: 7, "320x240");
        var reader = Reader();

        var info = await reader.ProbeAsync(clip);
        var times = FrameSampler.Times(info.DurationSeconds, 2, 300, 12);
        var frames = await reader.ReadAsync(clip, times, FrameSampler.Size(info.Width, info.Height, 1024));

        Assert.Equal((320, 240), (info.Width, info.Height));
        Assert.InRange(info.DurationSeconds, 6.9, 7.1);
        Assert.Equal([1, 3, 5], frames.Select(f => f.Seconds));
        Assert.All(frames, f => Assert.Equal((320, 240), (f.Frame.Width, f.Frame.Height)));
        // testsrc draws a moving pattern: the sampled frames differ
        Assert.NotEqual(frames[0].Frame.Pixels, frames[1].Frame.Pixels);
    }

    [Fact]
    public async Task LongWideClip_GivesTwelveFrames_DownscaledTo1024()
    {
        var clip = Generate("long.webm", seconds: 40, "1280x720", rate: 2);
        var reader = Reader();

        var info = await reader.ProbeAsync(clip);
        var frames = await reader.ReadAsync(clip, FrameSampler.Times(info.DurationSeconds, 2, 300, 12), FrameSampler.Size(info.Width, info.Height, 1024));

        Assert.Equal(12, frames.Count);
        Assert.All(frames, f => Assert.Equal((1024, 576), (f.Frame.Width, f.Frame.Height)));
    }

    [Fact]
    public async Task Clip_IsAnnotatedEndToEnd_WithPerFrameLabels()
    {
        var clip = Generate("clip.mp4", seconds: 5, "320x240");

        var result = await Annotator().AnnotateFileAsync(clip);

        // 5 s: frames at 1 s and 3 s (the slot of 5 s is past the end)
        Assert.Equal([1.0, 3.0], result.Frames.Select(f => f.Seconds));
        Assert.Equal(MediaKind.Video, result.Labels.Kind);
        Assert.Equal(2, result.Labels.Frames);
        Assert.Equal(1280, result.Labels.Embedding.Length);
        Assert.Equal(result.Frames.Select(f => f.Labels.Embedding.Max()).Max(), result.Labels.Embedding.Max());
        Assert.Contains("centernet", result.Labels.Models.Keys);
        Assert.NotNull(JsonSerializer.Deserialize<LabelSet>(JsonSerializer.Serialize(result.Labels)));
    }

    [Fact]
    public async Task Uploads_AreSniffed_AsVideoOrImage()
    {
        var images = new ImageAnnotator(models.Sessions, new ImageDecoder(MsOptions.Create(_options)), MsOptions.Create(_options));
        var media = new MediaAnnotator(images, Annotator(), MsOptions.Create(_options));
        await using var video = File.OpenRead(Generate("upload.mp4", seconds: 3, "160x120"));
        await using var image = File.OpenRead(ModelsFixture.FixturePath("Images", "rocket.png"));
        await using var junk = new MemoryStream(new byte[500]);

        var fromVideo = await media.AnnotateAsync(video, "draft.mov");
        var fromImage = await media.AnnotateAsync(image, "draft.jpg");
        var error = await Assert.ThrowsAsync<MediaRejectedException>(() => media.AnnotateAsync(junk, "draft.txt"));

        Assert.Equal(MediaKind.Video, fromVideo.Labels.Kind);
        Assert.Single(fromVideo.Frames);
        Assert.Equal(MediaKind.Image, fromImage.Labels.Kind);
        Assert.Empty(fromImage.Frames);
        Assert.Equal(MediaRejection.UnsupportedType, error.Reason);
        Assert.Contains("draft.txt", error.Message);
    }

    [Fact]
    public async Task VideoWithNoDecodableFrame_IsRejectedClearly()
    {
        var clip = Generate("good.mp4", seconds: 3, "160x120");
        var bytes = await File.ReadAllBytesAsync(clip);
        var broken = Path.Combine(_dir, "broken.mp4");
        // keep the container header, garble everything after it
        var garbled = bytes.Select((b, i) => i < 48 ? b : (byte)(i * 31)).ToArray();
        await File.WriteAllBytesAsync(broken, garbled);

        var error = await Assert.ThrowsAsync<MediaRejectedException>(() => Annotator().AnnotateFileAsync(broken));

        Assert.Equal(MediaRejection.Corrupt, error.Reason);
        Assert.Contains("broken.mp4", error.Message);
    }

    [Fact]
    public async Task ImageGivenAsVideo_IsRejectedAsTheWrongType()
    {
        var path = Path.Combine(_dir, "photo.mp4");
        File.Copy(ModelsFixture.FixturePath("Images", "rocket.png"), path);

        var error = await Assert.ThrowsAsync<MediaRejectedException>(() => Annotator().AnnotateFileAsync(path));

        Assert.Equal(MediaRejection.UnsupportedType, error.Reason);
    }

    private string Generate(string name, int seconds, string size, int rate = 10)
    {
        var path = Path.Combine(_dir, name);
        var info = new ProcessStartInfo("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc=duration={seconds}:size={size}:rate={rate}", "-pix_fmt", "yuv420p", path])
        {
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ffmpeg: {stderr}");
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
