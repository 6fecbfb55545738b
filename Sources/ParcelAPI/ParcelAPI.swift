// The generated `Types.swift` and `Server.swift` (from `openapi.yaml`, by the
// swift-openapi-generator build plugin) are this target's code.
