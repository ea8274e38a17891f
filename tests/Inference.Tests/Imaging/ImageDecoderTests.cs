using ImageMagick;
using Insights.Inference.Imaging;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Insights.Inference.Tests.Imaging;

public sealed class ImageDecoderTests
{
    private static ImageDecoder Decoder(LabelOptions? options = null) => new(MsOptions.Create(options ?? new LabelOptions()));

    [Fact]
    public void Jpeg_WithExifOrientation_IsTurnedUpright()
    {
        // stored 40x20, left half red, right half blue; orientation 6 = display rotated 90° clockwise
        using var image = TwoColours(40, 20, MagickColors.Red, MagickColors.Blue, vertical: true);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, (ushort)6);
        image.SetProfile(exif);
        image.Orientation = Orientation.RightTop;
        var jpeg = image.ToByteArray(MagickFormat.Jpeg);

        var frame = Decoder().Decode(jpeg, "rotated.jpg");

        Assert.Equal((20, 40), (frame.Width, frame.Height));
        AssertColour(frame, 10, 5, (255, 0, 0));
        AssertColour(frame, 10, 35, (0, 0, 255));
    }

    [Fact]
    public void Gif_GivesItsFirstFrame()
    {
        using var frames = new MagickImageCollection();
        frames.Add(new MagickImage(MagickColors.Red, 16, 16));
        frames.Add(new MagickImage(MagickColors.Blue, 16, 16));
        var gif = frames.ToByteArray(MagickFormat.Gif);

        var frame = Decoder().Decode(gif, "animated.gif");

        Assert.Equal((16, 16), (frame.Width, frame.Height));
        AssertColour(frame, 8, 8, (255, 0, 0));
    }

    [Fact]
    public void WebP_IsDecoded()
    {
        using var image = TwoColours(64, 32, MagickColors.Lime, MagickColors.White, vertical: false);
        var webp = image.ToByteArray(MagickFormat.WebP);
        Assert.Equal(MediaType.WebP, MediaSniffer.Sniff(webp));

        var frame = Decoder().Decode(webp);

        Assert.Equal((64, 32), (frame.Width, frame.Height));
        AssertColour(frame, 32, 4, (0, 255, 0), tolerance: 24);
    }

    [Fact]
    public void Png_Transparency_IsFlattenedOntoWhite()
    {
        using var image = new MagickImage(MagickColors.Transparent, 8, 8);
        var frame = Decoder().Decode(image.ToByteArray(MagickFormat.Png));

        AssertColour(frame, 4, 4, (255, 255, 255));
    }

    [Fact]
    public void TypeComesFromTheContent_NotTheName()
    {
        using var image = new MagickImage(MagickColors.Red, 8, 8);
        var png = image.ToByteArray(MagickFormat.Png);

        Assert.Equal(8, Decoder().Decode(png, "actually-a-png.jpg").Width);
        var error = Assert.Throws<MediaRejectedException>(() => Decoder().Decode("just some text, not an image"u8.ToArray(), "notes.jpg"));
        Assert.Equal(MediaRejection.UnsupportedType, error.Reason);
        Assert.Contains("notes.jpg", error.Message);
    }

    [Theory]
    [InlineData(MagickFormat.Jpeg)]
    [InlineData(MagickFormat.Png)]
    public void TruncatedFile_IsRejectedAsCorrupt(MagickFormat format)
    {
        using var image = new MagickImage(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Images", "astronaut.png"));
        var bytes = image.ToByteArray(format);

        var error = Assert.Throws<MediaRejectedException>(() => Decoder().Decode(bytes[..(bytes.Length / 2)], "cut"));

        Assert.Equal(MediaRejection.Corrupt, error.Reason);
        Assert.Contains("cut", error.Message);
    }

    [Fact]
    public void PngBomb_DeclaringHugeDimensions_IsRefusedBeforeDecoding()
    {
        var bomb = PngHeader(100_000, 100_000);

        var error = Assert.Throws<MediaRejectedException>(() => Decoder().Decode(bomb, "bomb.png"));

        Assert.Equal(MediaRejection.TooManyPixels, error.Reason);
        Assert.Contains("100000x100000", error.Message);
    }

    [Fact]
    public void GifBomb_DeclaringHugeDimensions_IsRefusedBeforeDecoding()
    {
        // logical screen and image 65535x65535, a 2-colour table, then an LZW stream that ends at once
        byte[] gif =
        [
            .. "GIF89a"u8, 0xFF, 0xFF, 0xFF, 0xFF, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF,
            0x2C, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0x02, 0x02, 0x44, 0x01, 0, 0x3B,
        ];

        var error = Assert.Throws<MediaRejectedException>(() => Decoder().Decode(gif, "bomb.gif"));

        Assert.Equal(MediaRejection.TooManyPixels, error.Reason);
    }

    [Fact]
    public void ImageOverTheByteLimit_IsRefused()
    {
        using var image = new MagickImage(MagickColors.Red, 64, 64);
        var png = image.ToByteArray(MagickFormat.Png);

        var error = Assert.Throws<MediaRejectedException>(() => Decoder(new LabelOptions { MaxImageBytes = 10 }).Decode(png));

        Assert.Equal(MediaRejection.TooManyBytes, error.Reason);
    }

    [Fact]
    public async Task Stream_OverTheByteLimit_IsRefusedWithoutReadingItAll()
    {
        using var stream = new MemoryStream(new byte[10_000_000]);

        var error = await Assert.ThrowsAsync<MediaRejectedException>(() => Decoder(new LabelOptions { MaxImageBytes = 100 }).DecodeAsync(stream, "upload"));

        Assert.Equal(MediaRejection.TooManyBytes, error.Reason);
        Assert.True(stream.Position < 1_000_000);
    }

    [Fact]
    public void VideoBytes_AreNotAnImage()
    {
        byte[] mp4 = [0, 0, 0, 0x20, .. "ftypisom"u8, 0, 0, 2, 0];

        var error = Assert.Throws<MediaRejectedException>(() => Decoder().Decode(mp4, "clip.jpg"));

        Assert.Equal(MediaRejection.UnsupportedType, error.Reason);
        Assert.Contains("video", error.Message);
    }

    [Fact]
    public void Resize_KeepsAUniformColour()
    {
        var frame = new RgbFrame(3, 2, [.. Enumerable.Repeat<byte>(77, 18)]);
        var resized = frame.Resize(7, 5);
        Assert.All(resized.Pixels, b => Assert.Equal(77, b));
    }

    internal static MagickImage TwoColours(uint width, uint height, MagickColor first, MagickColor second, bool vertical)
    {
        var image = new MagickImage(second, width, height);
        using var half = new MagickImage(first, vertical ? width / 2 : width, vertical ? height : height / 2);
        image.Composite(half, 0, 0, CompositeOperator.Over);
        return image;
    }

    private static void AssertColour(RgbFrame frame, int x, int y, (int R, int G, int B) expected, int tolerance = 16)
    {
        var i = (y * frame.Width + x) * 3;
        var actual = (frame.Pixels[i], frame.Pixels[i + 1], frame.Pixels[i + 2]);
        Assert.True(Math.Abs(actual.Item1 - expected.R) <= tolerance && Math.Abs(actual.Item2 - expected.G) <= tolerance && Math.Abs(actual.Item3 - expected.B) <= tolerance,
            $"pixel ({x},{y}) is {actual}, expected {expected}");
    }

    /// <summary>A PNG signature and a valid IHDR chunk declaring the size, then one tiny IDAT and IEND: a few dozen bytes.</summary>
    private static byte[] PngHeader(int width, int height)
    {
        var bytes = new List<byte> { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };
        byte[] ihdr = [.. BigEndian(width), .. BigEndian(height), 8, 2, 0, 0, 0];
        Chunk("IHDR", ihdr);
        Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk("IEND", []);
        return [.. bytes];

        void Chunk(string type, byte[] data)
        {
            bytes.AddRange(BigEndian(data.Length));
            byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
            bytes.AddRange(typed);
            bytes.AddRange(BigEndian((int)Crc32(typed)));
        }
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }

        return ~crc;
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
