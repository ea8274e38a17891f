using Insights.Analytics.Taxonomy;

namespace Insights.Analytics.Tests.Taxonomy;

public class CaptionVectorizerTests
{
    [Fact]
    public void Terms_AreLowerCaseWords_AndHashtagsAsTheirOwnTerms()
    {
        var terms = CaptionVectorizer.Terms("New Travel post! #Travel #summer_2024 a @team e-mail").ToList();
        Assert.Equal(["new", "travel", "post", "#travel", "#summer_2024", "team", "mail"], terms);
    }

    [Fact]
    public void Vectors_HaveUnitLength_AndCommonWordsWeighLessThanRareOnes()
    {
        string[] captions = ["the cat", "the dog", "the bird", "the cat sleeps"];
        var vectorizer = CaptionVectorizer.Fit(captions, 1024);
        var vector = vectorizer.Transform("the cat");
        Assert.Equal(1.0, vector.Weights.Sum(w => (double)w * w), 5);
        var weightOf = vector.Indices.Zip(vector.Weights).ToDictionary(p => p.First, p => p.Second);
        Assert.True(weightOf[CaptionVectorizer.Bucket("cat", 1024)] > weightOf[CaptionVectorizer.Bucket("the", 1024)]);
        Assert.Empty(vectorizer.Transform(null).Indices);
        Assert.Empty(vectorizer.Transform("!!").Indices);
    }

    [Fact]
    public void Buckets_AreStable()
    {
        // FNV-1a must not change between versions: stored heads read captions with it.
        Assert.Equal(CaptionVectorizer.Bucket("travel", 4096), CaptionVectorizer.Bucket("travel", 4096));
        Assert.Equal((int)(0x811C9DC5u % 4096), CaptionVectorizer.Bucket("", 4096));
    }
}
