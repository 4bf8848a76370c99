// Shows why the server refused a designer's change (409 problem details: a definition that live cases or bindings
// use, a production case; docs/studio.md "Safe changes"). The Studio's API client (Refit) throws on every non-2xx
// answer and the Studio's delete/retract handlers do not catch it (elsa-studio's WorkflowDefinitionList.razor.cs,
// OnDeleteClicked), so no shape of our answer reaches the designer: Blazor only shows its generic "unhandled error"
// banner. This page script watches the Studio's own calls instead, lists the refusal's lines, and puts away the
// banner that this refusal caused (the WebAssembly app keeps running; nothing was changed).
// Loaded after the banner's element (Pages/Studio/_StudioLayout.cshtml), before the Studio starts.
(function () {
    const panel = document.getElementById('studio-refusal');
    if (!panel) return;
    const list = panel.querySelector('ul');
    const banner = document.getElementById('blazor-error-ui');
    const explainsBannerFor = 10000; // ms: the banner the refused call raises appears right after its answer
    let refusedAt = 0;

    const original = window.fetch;
    window.fetch = async function (input, init) {
        const response = await original.apply(this, arguments);
        try {
            const url = new URL(typeof input === 'string' ? input : input.url, location.href);
            const method = ((init && init.method) || (typeof input === 'string' ? 'GET' : input.method) || 'GET').toUpperCase();
            if (response.status === 409 && method !== 'GET' && url.pathname.startsWith('/elsa/api/'))
                show(await response.clone().json());
        } catch (e) { /* not problem details: the Studio's own handling applies */ }
        return response;
    };

    function show(problem) {
        const lines = [];
        for (const texts of Object.values((problem && problem.errors) || {}))
            for (const text of [].concat(texts)) lines.push(String(text));
        if (lines.length === 0 && problem && (problem.detail || problem.title)) lines.push(problem.detail || problem.title);
        list.replaceChildren(...lines.map(text => Object.assign(document.createElement('li'), { textContent: text })));
        panel.querySelector('.title').textContent = (problem && problem.title) || panel.querySelector('.title').textContent;
        panel.hidden = false;
        refusedAt = Date.now();
        hideBannerIfCausedByRefusal();
    }

    function hideBannerIfCausedByRefusal() {
        if (banner && banner.style.display !== 'none' && banner.style.display !== '' && Date.now() - refusedAt < explainsBannerFor)
            banner.style.display = 'none';
    }

    if (banner) new MutationObserver(hideBannerIfCausedByRefusal).observe(banner, { attributes: true, attributeFilter: ['style'] });
})();
