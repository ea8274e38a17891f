if (args is ["inference", ..]) return await Insights.Benchmarks.Inference.InferenceBenchmark.RunAsync(args[1..]);

Console.WriteLine("benchmarks");
return 0;
