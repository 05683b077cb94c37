import DossierWorkspace
import Testing

@Suite struct FileURITests {
    @Test func pathsArePercentEncodedAsRFC3986AsksAndComeBack() {
        let path = "/w/a b/100%:x/é—.md"
        let uri = FileURI.uri(forPath: path)
        #expect(uri == "file:///w/a%20b/100%25%3Ax/%C3%A9%E2%80%94.md")
        #expect(FileURI.path(forURI: uri) == path)
        #expect(FileURI.uri(forPath: "/Az09-._~/") == "file:///Az09-._~/")
        #expect(FileURI.normalized("file:///w/a%3ab.md") == "file:///w/a%3Ab.md")
    }
}
