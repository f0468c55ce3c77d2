import { defineConfig } from "vitest/config";

export default defineConfig({
  // Relative asset URLs: the same build works from CloudFront's root and from the local host.
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
