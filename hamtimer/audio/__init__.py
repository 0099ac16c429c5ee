"""Audio cues: synthesis and playback backends."""
