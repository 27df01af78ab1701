import { describe, expect, it } from 'vitest';
import { hostMatches, hostSpecificity, resolveHost, serviceOfHost } from './host';

describe('resolveHost', () => {
  it('expands a short name in the given namespace', () => {
    expect(resolveHost('reviews', 'bookinfo')).toBe('reviews.bookinfo.svc.cluster.local');
  });
  it('keeps FQDNs and external names, lower-cased, without port or trailing dot', () => {
    expect(resolveHost('reviews.bookinfo.svc.cluster.local', 'x')).toBe('reviews.bookinfo.svc.cluster.local');
    expect(resolveHost('Fe.TopTops.top:80', 'x')).toBe('fe.toptops.top');
    expect(resolveHost('tomcat.istio.com.', 'x')).toBe('tomcat.istio.com');
  });
  it('resolves DNS search forms name.ns.svc always and name.ns when ns is known', () => {
    expect(resolveHost('reviews.bookinfo.svc', 'x')).toBe('reviews.bookinfo.svc.cluster.local');
    expect(resolveHost('reviews.bookinfo', 'x', ['bookinfo'])).toBe('reviews.bookinfo.svc.cluster.local');
    expect(resolveHost('example.com', 'x', ['bookinfo'])).toBe('example.com');
  });
  it('leaves wildcards alone', () => {
    expect(resolveHost('*', 'ns')).toBe('*');
    expect(resolveHost('*.example.com', 'ns')).toBe('*.example.com');
  });
});

describe('hostMatches', () => {
  it('matches exact names only exactly', () => {
    expect(hostMatches('a.example.com', 'a.example.com')).toBe(true);
    expect(hostMatches('a.example.com', 'b.example.com')).toBe(false);
  });
  it('matches wildcard suffixes at any depth but not the bare domain', () => {
    expect(hostMatches('*.example.com', 'a.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'a.b.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'example.com')).toBe(false);
    expect(hostMatches('*.example.com', 'badexample.com')).toBe(false);
    expect(hostMatches('*', 'anything.at.all')).toBe(true);
  });
  it('ranks exact over long wildcard over short wildcard over *', () => {
    const ranked = ['*', '*.com', '*.example.com', 'a.example.com'].map(hostSpecificity);
    expect([...ranked].sort((a, b) => a - b)).toEqual(ranked);
  });
});

describe('serviceOfHost', () => {
  it('splits a Service FQDN and rejects other hosts', () => {
    expect(serviceOfHost('reviews.bookinfo.svc.cluster.local')).toEqual({ namespace: 'bookinfo', name: 'reviews' });
    expect(serviceOfHost('fe.toptops.top')).toBeUndefined();
  });
});
