namespace Insights.E2E; public class Placeholder { }
