package io.streamdesk.knowledge.encoder;

/**
 * Where ONNX Runtime runs the model. {@link #AUTO} takes CUDA when the GPU build of ONNX Runtime
 * ({@code -Pgpu}) is on the classpath and a device answers, else the CPU; {@link #CUDA} fails
 * instead of falling back.
 */
public enum ExecutionProvider {
  AUTO,
  CPU,
  CUDA
}
