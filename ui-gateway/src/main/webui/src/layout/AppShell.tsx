import { useEffect, useState, type ReactNode } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router-dom';
import {
  Banner,
  Brand,
  Dropdown,
  DropdownItem,
  DropdownList,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadLogo,
  MastheadMain,
  MastheadToggle,
  MenuToggle,
  Nav,
  NavExpandable,
  NavItem,
  NavList,
  NotificationBadge,
  Page,
  PageSidebar,
  PageSidebarBody,
  PageToggleButton,
  SkipToContent,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { BarsIcon } from '@patternfly/react-icons';
import { useAuth } from '../auth/AuthContext';
import { isGroup, navigationFor } from './navigation';
import { useNotifications } from './useNotifications';
import logo from './logo.svg';

export function AppShell({ children }: { children: ReactNode }) {
  const { me, can, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [userMenu, setUserMenu] = useState(false);
  const { active, banners } = useNotifications();
  const [sidebarOpen, setSidebarOpen] = useState(true);

  useEffect(() => setUserMenu(false), [location.pathname]);

  const entries = navigationFor(can);
  const isActive = (path: string) =>
    path === '/' ? location.pathname === '/' : location.pathname === path || location.pathname.startsWith(path + '/');

  const nav = (
    <Nav aria-label="Main navigation">
      <NavList>
        {entries.map((entry) =>
          isGroup(entry) ? (
            <NavExpandable
              key={entry.label}
              title={entry.label}
              isExpanded={entry.label !== 'Other modules' || entry.items.some((i) => isActive(i.path))}
              isActive={entry.items.some((i) => isActive(i.path))}
            >
              {entry.items.map((item) => (
                <NavItem key={item.path} isActive={isActive(item.path)}>
                  <NavLink to={item.path}>{item.label}</NavLink>
                </NavItem>
              ))}
            </NavExpandable>
          ) : (
            <NavItem key={entry.path} isActive={isActive(entry.path)}>
              <NavLink to={entry.path}>{entry.label}</NavLink>
            </NavItem>
          ),
        )}
      </NavList>
    </Nav>
  );

  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadToggle>
          <PageToggleButton
            variant="plain"
            aria-label="Show or hide the navigation"
            isSidebarOpen={sidebarOpen}
            onSidebarToggle={() => setSidebarOpen((o) => !o)}
          >
            <BarsIcon />
          </PageToggleButton>
        </MastheadToggle>
        <MastheadBrand>
          <MastheadLogo component="a" href="/" onClick={(e) => { e.preventDefault(); navigate('/'); }}>
            <Brand src={logo} alt="Open Cloud Exchange" heights={{ default: '32px' }} />
          </MastheadLogo>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight isStatic>
          <ToolbarContent>
            <ToolbarGroup variant="action-group-plain" align={{ default: 'alignEnd' }}>
              <ToolbarItem>
                <NotificationBadge
                  variant={active > 0 ? 'attention' : 'read'}
                  count={active}
                  aria-label={`${active} active notifications`}
                  onClick={() => navigate('/#notifications')}
                />
              </ToolbarItem>
              <ToolbarItem>
                <Dropdown
                  isOpen={userMenu}
                  onOpenChange={setUserMenu}
                  popperProps={{ position: 'right' }}
                  toggle={(ref) => (
                    <MenuToggle ref={ref} variant="plainText" onClick={() => setUserMenu((o) => !o)} isExpanded={userMenu}>
                      {me?.username} ({me?.role})
                    </MenuToggle>
                  )}
                >
                  <DropdownList>
                    <DropdownItem key="password" onClick={() => navigate('/account')}>
                      Change password
                    </DropdownItem>
                    <DropdownItem key="logout" onClick={() => logout().then(() => navigate('/login', { replace: true }))}>
                      Sign out
                    </DropdownItem>
                  </DropdownList>
                </Dropdown>
              </ToolbarItem>
            </ToolbarGroup>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );

  return (
    <Page
      masthead={masthead}
      sidebar={
        <PageSidebar isSidebarOpen={sidebarOpen}>
          <PageSidebarBody>{nav}</PageSidebarBody>
        </PageSidebar>
      }
      isManagedSidebar={false}
      mainContainerId="main"
      skipToContent={<SkipToContent href="#main">Skip to content</SkipToContent>}
    >
      {banners.map((b) => (
        <Banner key={b.key} color={b.severity === 'error' ? 'red' : b.severity === 'warning' ? 'orangered' : 'blue'} screenReaderText={b.severity}>
          {b.message}
        </Banner>
      ))}
      {children}
    </Page>
  );
}
