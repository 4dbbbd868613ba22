import { GgufInsights, readGgufFileInfo, type Llama } from "node-llama-cpp";

export interface ModelFit {
  /**
   * "gpu": every layer on the GPU; "partial": some layers on the CPU (slower); "cpu": CPU only;
   * "too-long": the context asked for is longer than the model was trained for; "no": it does not fit at all.
   */
  readonly verdict: "gpu" | "partial" | "cpu" | "too-long" | "no";
  /** The context length the model was trained for, when its file says. */
  readonly trainedContextSize: number | undefined;
  readonly gpuLayers: number;
  readonly totalLayers: number;
  readonly vramBytes: number;
  readonly ramBytes: number;
  readonly modelBytes: number;
}

/**
 * Whether a GGUF model fits this machine with the given context, estimated
 * by node-llama-cpp from the file's header and the memory available, without
 * loading the weights.
 */
export async function checkModelFit(params: { readonly llama: Llama; readonly modelPath: string; readonly contextSize: number; readonly sequences: number }): Promise<ModelFit> {
  const info = await readGgufFileInfo(params.modelPath);
  const insights = await GgufInsights.from(info, params.llama);
  const { compatibilityScore, resolvedValues } = await insights.configurationResolver.resolveAndScoreConfig({
    targetContextSize: params.contextSize * params.sequences,
  });
  const totalLayers = insights.totalLayers;
  const trained = insights.trainContextSize;
  const verdict =
    trained !== undefined && params.contextSize > trained
      ? "too-long"
      : compatibilityScore <= 0
      ? "no"
      : params.llama.gpu === false || resolvedValues.gpuLayers === 0
        ? "cpu"
        : resolvedValues.gpuLayers >= totalLayers
          ? "gpu"
          : "partial";
  return {
    verdict,
    trainedContextSize: trained,
    gpuLayers: resolvedValues.gpuLayers,
    totalLayers,
    vramBytes: resolvedValues.totalVramUsage,
    ramBytes: resolvedValues.totalRamUsage,
    modelBytes: insights.modelSize,
  };
}
