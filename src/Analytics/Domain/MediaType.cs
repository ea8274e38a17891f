namespace Insights.Analytics.Domain;

/// <summary>What a post shows. Carousels of images count as images for popularity classes.</summary>
public enum MediaType
{
    Image = 0,
    Video = 1,
    Carousel = 2,
}

/// <summary>The groups whose popularity is ranked separately, because their rates differ a lot.</summary>
public enum MediaGroup
{
    Images = 0,
    Videos = 1,
}

public static class MediaTypeExtensions
{
    public static MediaGroup Group(this MediaType type) => type == MediaType.Video ? MediaGroup.Videos : MediaGroup.Images;
}
