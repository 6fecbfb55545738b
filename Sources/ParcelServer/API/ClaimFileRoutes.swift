import Foundation
import ParcelApp
import ParcelCore
import Vapor

/// A claim's files: `POST /api/v1/claims/{id}/evidence` (multipart, the
/// file written to disk before its row) and `GET /api/v1/claims/{id}/bundle`
/// (a ZIP streamed from a scratch file). Both are in `openapi.yaml`; their
/// `RouteRule`s hold the upload to the evidence limit before a byte is read.
struct ClaimFileRoutes {
    let claims: ClaimService
    let clock: ServerClock

    func register(on routes: any RoutesBuilder) {
        // RequestGuard has collected the body within the route's limit by now.
        routes.on(.POST, "api", "v1", "claims", ":id", "evidence", body: .collect(maxSize: nil)) { request in
            try await upload(request)
        }
        routes.get("api", "v1", "claims", ":id", "bundle") { request in
            try await bundle(request)
        }
    }

    struct Upload: Content {
        var file: File?
        var kind: String?
    }

    func upload(_ request: Request) async throws -> Response {
        guard let id = request.parameters.get("id").flatMap(UUID.init(path:)) else {
            return problem(.notFound, "no claim \(request.parameters.get("id") ?? "")")
        }
        let upload: Upload
        do {
            upload = try request.content.decode(Upload.self)
        } catch {
            return invalid("body", "expected multipart/form-data with the file in the part named file")
        }
        guard let file = upload.file else { return invalid("file", "is required") }
        var kind = EvidenceKind.other
        if let text = upload.kind, !text.isEmpty {
            guard let known = EvidenceKind(rawValue: text), !known.isGenerated else {
                let kinds = EvidenceKind.allCases.filter { !$0.isGenerated }.map(\.rawValue).joined(separator: ", ")
                return invalid("kind", "expected one of \(kinds); got \(quotedExcerpt(text))")
            }
            kind = known
        }
        do {
            let record = try await claims.attach(
                Data(file.data.readableBytesView), name: file.filename, kind: kind, to: id,
                actor: RequestContext.caller?.actor ?? "anonymous", now: clock.now())
            return OrderDetailRoute.json(.created, record.json)
        } catch let error as EvidenceError {
            switch error {
            case .claimNotFound: return problem(.notFound, "no claim \(id.uuidString.lowercased())")
            case .fileTooLarge, .claimFull: return problem(.payloadTooLarge, "\(error)")
            case .unsupportedType: return problem(.unsupportedMediaType, "\(error)")
            case .empty: return invalid("file", "is empty")
            }
        }
    }

    func bundle(_ request: Request) async throws -> Response {
        guard let id = request.parameters.get("id").flatMap(UUID.init(path:)) else {
            return problem(.notFound, "no claim \(request.parameters.get("id") ?? "")")
        }
        guard let view = try await claims.view(id, now: clock.now()) else {
            return problem(.notFound, "no claim \(id.uuidString.lowercased())")
        }
        let scratch = try claims.files.scratchDirectory()
        let file = scratch.appendingPathComponent("bundle.zip")
        do {
            try await claims.bundle(id, to: file, now: clock.now())
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            throw error
        }
        let response = try await request.fileio.asyncStreamFile(
            at: file.path, mediaType: HTTPMediaType(type: "application", subType: "zip")
        ) { _ in try? FileManager.default.removeItem(at: scratch) }
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"claim-\(view.claim.label).zip\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func invalid(_ field: String, _ message: String) -> Response {
        OrderDetailRoute.json(.unprocessableEntity, validationErrors([FieldError(field, message)]))
    }
}

extension EvidenceRecord {
    /// The `EvidenceFile` of `openapi.yaml`.
    var json: JSONValue {
        .object([
            ("id", .string(id.uuidString.lowercased())), ("kind", .string(kind.rawValue)), ("name", .string(name)),
            ("mediaType", .string(mediaType)), ("size", .int(size)), ("sha256", .string(sha256)),
            ("uploadedAt", .string(uploadedAt.utcString)),
        ])
    }
}
